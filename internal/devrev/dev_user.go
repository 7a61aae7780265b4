package devrev

import "context"

// DevUser is DevRev's `dev-user` (a `user-base`): a member of the DevRev
// organization itself.
type DevUser struct {
	ID             *string          `json:"id"`
	DisplayID      *string          `json:"display_id"`
	DisplayName    *string          `json:"display_name"`
	FullName       *string          `json:"full_name"`
	Email          *string          `json:"email"`
	State          *string          `json:"state"`
	CreatedDate    *string          `json:"created_date"`
	ModifiedDate   *string          `json:"modified_date"`
	DisplayPicture *ArtifactSummary `json:"display_picture"`
	Subtype        *string          `json:"subtype"`
	CustomFields   CustomFields     `json:"custom_fields"`
}

// UserStates is the spec's `user-state` enum.
var UserStates = []string{"active", "deactivated", "deleted", "locked", "shadow", "unassigned"}

// DevUserFilter holds the filters of dev-users.list that the provider uses.
// A nil set is left out of the request; an empty, non-nil one matches
// nothing (MatchesNothing).
type DevUserFilter struct {
	CustomFields CustomFieldFilter `json:"custom_fields,omitempty"`
	Email        []string          `json:"email,omitempty"`
	State        []string          `json:"state,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f DevUserFilter) MatchesNothing() bool {
	return matchesNothing(f)
}

// ListDevUsersRequest is the body of POST /dev-users.list.
type ListDevUsersRequest struct {
	DevUserFilter
	Paging
}

var devUsers = newEndpoint[ListDevUsersRequest]("/dev-users.list", "/dev-users.get", "dev_users", "dev_user",
	func(u *DevUser) (*string, *string) { return u.ID, u.DisplayID })

// DevUsersAPI declares dev users for the provider.
var DevUsersAPI = devUsers.api()

// ListDevUsers reads every page (up to opts.Limit) into one window.
func (c *Client) ListDevUsers(ctx context.Context, req ListDevUsersRequest, opts ListOptions) (*Window[DevUser], error) {
	return listWindow(ctx, c, devUsers, req, opts)
}

// GetDevUser reads one dev user by its DON id or display id.
func (c *Client) GetDevUser(ctx context.Context, id string) (*DevUser, error) {
	return devUsers.getOne(ctx, c, id)
}
