package devrev

import "context"

// Account is DevRev's `account` (an `org-base`, so an `atom-base` too): a
// customer organization.
type Account struct {
	ID           *string        `json:"id"`
	DisplayID    *string        `json:"display_id"`
	DisplayName  *string        `json:"display_name"`
	Description  *string        `json:"description"`
	Tier         *string        `json:"tier"`
	Subtype      *string        `json:"subtype"`
	CreatedDate  *string        `json:"created_date"`
	ModifiedDate *string        `json:"modified_date"`
	Domains      []string       `json:"domains"`
	Websites     []string       `json:"websites"`
	ExternalRefs []string       `json:"external_refs"`
	OwnedBy      []UserSummary  `json:"owned_by"`
	CreatedBy    *UserSummary   `json:"created_by"`
	ModifiedBy   *UserSummary   `json:"modified_by"`
	Tags         []TagWithValue `json:"tags"`
	CustomFields CustomFields   `json:"custom_fields"`
}

// DateTimeFilter is DevRev's `date-time-filter`: RFC 3339 instants, both
// ends inclusive; an empty end is left out.
type DateTimeFilter struct {
	After  string `json:"after,omitempty"`
	Before string `json:"before,omitempty"`
}

// AccountFilter holds the filters of accounts.list (`accounts-list-request`).
// A nil set is left out of the request; an empty, non-nil one matches
// nothing (MatchesNothing).
type AccountFilter struct {
	CreatedBy    []string          `json:"created_by,omitempty"`
	CreatedDate  *DateTimeFilter   `json:"created_date,omitempty"`
	CustomFields CustomFieldFilter `json:"custom_fields,omitempty"`
	DisplayName  []string          `json:"display_name,omitempty"`
	Domains      []string          `json:"domains,omitempty"`
	ExternalRefs []string          `json:"external_refs,omitempty"`
	ModifiedDate *DateTimeFilter   `json:"modified_date,omitempty"`
	OwnedBy      []string          `json:"owned_by,omitempty"`
	Stage        []string          `json:"stage,omitempty"`
	Subtype      []string          `json:"subtype,omitempty"`
	Tier         []string          `json:"tier,omitempty"`
	Websites     []string          `json:"websites,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f AccountFilter) MatchesNothing() bool {
	return matchesNothing(f)
}

// ListAccountsRequest is the body of POST /accounts.list.
type ListAccountsRequest struct {
	AccountFilter
	Paging
}

var accounts = newEndpoint[ListAccountsRequest]("/accounts.list", "/accounts.get", "accounts", "account",
	func(a *Account) (*string, *string) { return a.ID, a.DisplayID })

// AccountsAPI declares accounts for the provider.
var AccountsAPI = accounts.api()

// ListAccounts reads every page (up to opts.Limit) into one window.
func (c *Client) ListAccounts(ctx context.Context, req ListAccountsRequest, opts ListOptions) (*Window[Account], error) {
	return listWindow(ctx, c, accounts, req, opts)
}

// GetAccount reads one account by its DON id or display id.
func (c *Client) GetAccount(ctx context.Context, id string) (*Account, error) {
	return accounts.getOne(ctx, c, id)
}
