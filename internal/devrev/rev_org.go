package devrev

import "context"

// RevOrg is DevRev's `rev-org` (an `org-base`): a customer organization, or
// a workspace of one, that belongs to an account.
type RevOrg struct {
	ID           *string        `json:"id"`
	DisplayID    *string        `json:"display_id"`
	DisplayName  *string        `json:"display_name"`
	Description  *string        `json:"description"`
	Account      *ObjectSummary `json:"account"`
	Domain       *string        `json:"domain"`
	ExternalRef  *string        `json:"external_ref"`
	CreatedDate  *string        `json:"created_date"`
	ModifiedDate *string        `json:"modified_date"`
	CreatedBy    *UserSummary   `json:"created_by"`
	ModifiedBy   *UserSummary   `json:"modified_by"`
	Tags         []TagWithValue `json:"tags"`
	Subtype      *string        `json:"subtype"`
	CustomFields CustomFields   `json:"custom_fields"`
}

// RevOrgFilter holds the filters of rev-orgs.list (`rev-orgs-list-request`)
// that the provider uses. A nil set is left out of the request; an empty,
// non-nil one matches nothing (MatchesNothing).
type RevOrgFilter struct {
	Account      []string          `json:"account,omitempty"`
	CreatedBy    []string          `json:"created_by,omitempty"`
	CreatedDate  *DateTimeFilter   `json:"created_date,omitempty"`
	CustomFields CustomFieldFilter `json:"custom_fields,omitempty"`
	DisplayName  []string          `json:"display_name,omitempty"`
	ExternalRef  []string          `json:"external_ref,omitempty"`
	ModifiedDate *DateTimeFilter   `json:"modified_date,omitempty"`
	Tags         []string          `json:"tags,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f RevOrgFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListRevOrgsRequest is the body of POST /rev-orgs.list.
type ListRevOrgsRequest struct {
	RevOrgFilter
	Paging
}

var revOrgs = newEndpoint[ListRevOrgsRequest]("/rev-orgs.list", "/rev-orgs.get", "rev_orgs", "rev_org",
	func(o *RevOrg) (*string, *string) { return o.ID, o.DisplayID })

// RevOrgsAPI declares rev orgs for the provider.
var RevOrgsAPI = revOrgs.api()

// ListRevOrgs reads every page (up to opts.Limit) into one window.
func (c *Client) ListRevOrgs(ctx context.Context, req ListRevOrgsRequest, opts ListOptions) (*Window[RevOrg], error) {
	return listWindow(ctx, c, revOrgs, req, opts)
}

// GetRevOrg reads one rev org by its DON id or display id (REV-AbCdEfGh).
func (c *Client) GetRevOrg(ctx context.Context, id string) (*RevOrg, error) {
	return revOrgs.getOne(ctx, c, id)
}
