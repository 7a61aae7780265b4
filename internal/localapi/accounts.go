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

// accountTable is the accounts table with the values its filters read.
type accountTable struct {
	*table
	items                                                                                  []Account
	createdBy, displayName, domains, externalRefs, ownedBy, stage, subtype, tier, websites [][]string
}

func newAccountTable(in []Account) *accountTable {
	x := &accountTable{}
	x.table, x.items = newTable("/accounts.list", in, []column[Account]{
		{"created_date", func(a *Account) string { return a.CreatedDate }},
		{"display_name", func(a *Account) string { return a.DisplayName }},
		{"modified_date", func(a *Account) string { return a.ModifiedDate }},
	}, func(a *Account) string { return a.ID }, func(a *Account) string { return a.DisplayID }, cloneAccount, renderEach)
	for i := range x.items {
		a := &x.items[i]
		x.createdBy = append(x.createdBy, userIDs(a.CreatedBy))
		x.displayName = append(x.displayName, one(a.DisplayName))
		x.domains = append(x.domains, lower(a.Domains))
		x.externalRefs = append(x.externalRefs, a.ExternalRefs)
		x.ownedBy = append(x.ownedBy, userIDs(a.OwnedBy...))
		x.stage = append(x.stage, one(a.Stage))
		x.subtype = append(x.subtype, one(a.Subtype))
		x.tier = append(x.tier, one(a.Tier))
		x.websites = append(x.websites, lower(a.Websites))
	}
	return x
}

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

// accountFilter holds the filters of `accounts-list-request` that the server
// implements (all but custom_fields and tags).
type accountFilter struct {
	CreatedBy    []string        `json:"created_by"`
	CreatedDate  *dateTimeFilter `json:"created_date"`
	DisplayName  []string        `json:"display_name"`
	Domains      []string        `json:"domains"`
	ExternalRefs []string        `json:"external_refs"`
	ModifiedDate *dateTimeFilter `json:"modified_date"`
	OwnedBy      []string        `json:"owned_by"`
	Stage        []string        `json:"stage"`
	Subtype      []string        `json:"subtype"`
	Tier         []string        `json:"tier"`
	Websites     []string        `json:"websites"`
}

func (x *accountTable) compile(f *accountFilter) (func(int) bool, *apiError) {
	var ps predicates
	if e := ps.addDates(x.keys, dated{"created_date", f.CreatedDate}, dated{"modified_date", f.ModifiedDate}); e != nil {
		return nil, e
	}
	ps.addSet(toSet(f.CreatedBy, normID), x.createdBy)
	ps.addSet(toSet(f.DisplayName, nil), x.displayName)
	ps.addSet(toSet(f.Domains, strings.ToLower), x.domains)
	ps.addSet(toSet(f.ExternalRefs, nil), x.externalRefs)
	ps.addSet(toSet(f.OwnedBy, normID), x.ownedBy)
	ps.addSet(toSet(f.Stage, nil), x.stage)
	ps.addSet(toSet(f.Subtype, nil), x.subtype)
	ps.addSet(toSet(f.Tier, nil), x.tier)
	ps.addSet(toSet(f.Websites, strings.ToLower), x.websites)
	return ps.all(), nil
}

func (x *accountTable) routes(add func(string, handler)) {
	add("/accounts.list", listHandler(x.table, "accounts", x.compile))
	add("/accounts.get", getHandler(x.table, "account", "account"))
}
