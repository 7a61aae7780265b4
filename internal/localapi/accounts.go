package localapi

import (
	"slices"
	"strings"
)

// Account is the server's model of a DevRev account (`account`, an
// `org-base`). As with Engagement, empty strings and nil pointers or slices
// are absent and omitted, except owned_by, which the spec requires ([] when
// nobody owns the account).
type Account struct {
	CreatedBy    *UserSummary   `json:"created_by,omitempty"`
	CreatedDate  string         `json:"created_date,omitempty"`
	CustomFields CustomFields   `json:"custom_fields,omitempty"`
	Description  string         `json:"description,omitempty"`
	DisplayID    string         `json:"display_id,omitempty"`
	DisplayName  string         `json:"display_name,omitempty"`
	Domains      []string       `json:"domains,omitempty"`
	ExternalRefs []string       `json:"external_refs,omitempty"`
	ID           string         `json:"id"`
	ModifiedBy   *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate string         `json:"modified_date,omitempty"`
	OwnedBy      []*UserSummary `json:"owned_by"`
	Subtype      string         `json:"subtype,omitempty"`
	Tags         []TagWithValue `json:"tags,omitempty"`
	Tier         string         `json:"tier,omitempty"`
	Websites     []string       `json:"websites,omitempty"`

	// Stage is the id of the account's stage. The `stage` filter selects
	// on it; the account schema has no such field, so it is not served.
	Stage string `json:"-"`
}

// TagWithValue is DevRev's tag-with-value.
type TagWithValue struct {
	Tag   *TagSummary `json:"tag"`
	Value string      `json:"value,omitempty"`
}

// TagSummary is DevRev's tag-summary.
type TagSummary struct {
	DisplayID string `json:"display_id,omitempty"`
	ID        string `json:"id"`
	Name      string `json:"name"`
}

// accounts serve the filters of `accounts-list-request` but tags.
var accounts = object[Account]{
	list: "/accounts.list", get: "/accounts.get", key: "accounts", one: "account",
	id: func(a *Account) string { return a.ID }, displayID: func(a *Account) string { return a.DisplayID },
	columns: []column[Account]{
		{"created_date", func(a *Account) string { return a.CreatedDate }},
		{"display_name", func(a *Account) string { return a.DisplayName }},
		{"modified_date", func(a *Account) string { return a.ModifiedDate }},
	},
	filters: []filter[Account]{
		dates[Account]("created_date"),
		dates[Account]("modified_date"),
		anyID("created_by", func(a *Account) []string { return userIDs(a.CreatedBy) }),
		exact("display_name", func(a *Account) []string { return one(a.DisplayName) }),
		fold("domains", func(a *Account) []string { return a.Domains }),
		exact("external_refs", func(a *Account) []string { return a.ExternalRefs }),
		anyID("owned_by", func(a *Account) []string { return userIDs(a.OwnedBy...) }),
		exact("stage", func(a *Account) []string { return one(a.Stage) }),
		exact("subtype", func(a *Account) []string { return one(a.Subtype) }),
		exact("tier", func(a *Account) []string { return one(a.Tier) }),
		fold("websites", func(a *Account) []string { return a.Websites }),
		customFieldsFilter(func(a *Account) CustomFields { return a.CustomFields }),
	},
	clone: cloneAccount,
	seed: func(sd *seeds, n int) []Account {
		as := generateAccounts(sd.opts.Seed, n, of[DevUser](sd, "dev-users"), of[Tag](sd, "tags"))
		addAccountCustomFields(sd.opts.Seed, as)
		return as
	},
	defaultCount: func(*seeds) int { return defaultAccounts },
}

var _ = serve(&accounts)

// cloneAccount copies the slices the store keeps, so that the caller's
// data is not aliased; owned_by is [] rather than null.
func cloneAccount(a Account) Account {
	a.Domains, a.ExternalRefs, a.Websites = slices.Clone(a.Domains), slices.Clone(a.ExternalRefs), slices.Clone(a.Websites)
	a.Tags = slices.Clone(a.Tags)
	a.OwnedBy = append([]*UserSummary{}, a.OwnedBy...)
	return a
}

// userIDs are the ids a user filter matches: DON id and display id.
func userIDs(us ...*UserSummary) []string {
	var out []string
	for _, u := range us {
		if u != nil {
			out = append(out, normID(u.ID))
			if u.DisplayID != "" {
				out = append(out, normID(u.DisplayID))
			}
		}
	}
	return out
}

// lower folds values that DevRev compares without case (domains, websites,
// emails).
func lower(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.ToLower(v)
	}
	return out
}
