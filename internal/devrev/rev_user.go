package devrev

import "context"

// RevUser is DevRev's `rev-user` (a `user-base`): a user of a customer
// organization, in the rev org (`org-summary`) it belongs to.
type RevUser struct {
	ID             *string          `json:"id"`
	DisplayID      *string          `json:"display_id"`
	DisplayName    *string          `json:"display_name"`
	FullName       *string          `json:"full_name"`
	Email          *string          `json:"email"`
	PhoneNumbers   []string         `json:"phone_numbers"`
	Description    *string          `json:"description"`
	ExternalRef    *string          `json:"external_ref"`
	IsVerified     *bool            `json:"is_verified"`
	State          *string          `json:"state"`
	RevOrg         *ObjectSummary   `json:"rev_org"`
	DisplayPicture *ArtifactSummary `json:"display_picture"`
	CreatedDate    *string          `json:"created_date"`
	ModifiedDate   *string          `json:"modified_date"`
	CreatedBy      *UserSummary     `json:"created_by"`
	ModifiedBy     *UserSummary     `json:"modified_by"`
	Tags           []TagWithValue   `json:"tags"`
	Subtype        *string          `json:"subtype"`
	CustomFields   CustomFields     `json:"custom_fields"`
}

// RevUserFilter holds the filters of rev-users.list
// (`rev-users-list-request`) that the provider uses. A nil set or flag is
// left out of the request; an empty, non-nil set matches nothing
// (MatchesNothing).
type RevUserFilter struct {
	CreatedBy    []string          `json:"created_by,omitempty"`
	CreatedDate  *DateTimeFilter   `json:"created_date,omitempty"`
	CustomFields CustomFieldFilter `json:"custom_fields,omitempty"`
	Email        []string          `json:"email,omitempty"`
	ExternalRef  []string          `json:"external_ref,omitempty"`
	IsVerified   *bool             `json:"is_verified,omitempty"`
	ModifiedDate *DateTimeFilter   `json:"modified_date,omitempty"`
	PhoneNumbers []string          `json:"phone_numbers,omitempty"`
	RevOrg       []string          `json:"rev_org,omitempty"`
	Tags         []string          `json:"tags,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f RevUserFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListRevUsersRequest is the body of POST /rev-users.list.
type ListRevUsersRequest struct {
	RevUserFilter
	Paging
}

var revUsers = newEndpoint[ListRevUsersRequest]("/rev-users.list", "/rev-users.get", "rev_users", "rev_user",
	func(u *RevUser) (*string, *string) { return u.ID, u.DisplayID })

// RevUsersAPI declares rev users for the provider.
var RevUsersAPI = revUsers.api()

// ListRevUsers reads every page (up to opts.Limit) into one window.
func (c *Client) ListRevUsers(ctx context.Context, req ListRevUsersRequest, opts ListOptions) (*Window[RevUser], error) {
	return listWindow(ctx, c, revUsers, req, opts)
}

// GetRevUser reads one rev user by its DON id or display id.
func (c *Client) GetRevUser(ctx context.Context, id string) (*RevUser, error) {
	return revUsers.getOne(ctx, c, id)
}
