package localapi

import "slices"

// RevOrg is the server's model of a DevRev Rev organization (`rev-org`, an
// `org-base`): a customer organization or a workspace of one, belonging to
// an account. Empty strings and nil pointers or slices are absent and
// omitted.
type RevOrg struct {
	Account      *OrgSummary    `json:"account,omitempty"`
	CreatedBy    *UserSummary   `json:"created_by,omitempty"`
	CreatedDate  string         `json:"created_date,omitempty"`
	Description  string         `json:"description,omitempty"`
	DisplayID    string         `json:"display_id,omitempty"`
	DisplayName  string         `json:"display_name,omitempty"`
	Domain       string         `json:"domain,omitempty"`
	ExternalRef  string         `json:"external_ref,omitempty"`
	ID           string         `json:"id"`
	ModifiedBy   *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate string         `json:"modified_date,omitempty"`
	Tags         []TagWithValue `json:"tags,omitempty"`
}

// Summary is the org-summary other objects (a rev user, a ticket) use to
// refer to o.
func (o *RevOrg) Summary() *OrgSummary {
	return &OrgSummary{ID: o.ID, DisplayID: o.DisplayID, DisplayName: o.DisplayName, Type: "rev_org"}
}

// tagIDs are the ids a tags filter matches: each tag's DON id and display id.
func tagIDs(tags []TagWithValue) []string {
	var out []string
	for _, t := range tags {
		if t.Tag != nil {
			out = append(out, normAll(slices.DeleteFunc([]string{t.Tag.ID, t.Tag.DisplayID}, func(s string) bool { return s == "" }))...)
		}
	}
	return out
}

// revOrgTable is the rev orgs table with the values its filters read.
type revOrgTable struct {
	*table
	items                                              []RevOrg
	account, createdBy, displayName, externalRef, tags [][]string
}

func newRevOrgTable(in []RevOrg) *revOrgTable {
	x := &revOrgTable{}
	x.table, x.items = newTable("/rev-orgs.list", in, []column[RevOrg]{
		{"created_date", func(o *RevOrg) string { return o.CreatedDate }},
		{"display_name", func(o *RevOrg) string { return o.DisplayName }},
		{"modified_date", func(o *RevOrg) string { return o.ModifiedDate }},
	}, func(o *RevOrg) string { return o.ID }, func(o *RevOrg) string { return o.DisplayID }, cloneRevOrg, renderEach)
	for i := range x.items {
		o := &x.items[i]
		x.account = append(x.account, orgIDs(o.Account))
		x.createdBy = append(x.createdBy, userIDs(o.CreatedBy))
		x.displayName = append(x.displayName, one(o.DisplayName))
		x.externalRef = append(x.externalRef, one(o.ExternalRef))
		x.tags = append(x.tags, tagIDs(o.Tags))
	}
	return x
}

func cloneRevOrg(o RevOrg) RevOrg {
	o.Tags = slices.Clone(o.Tags)
	return o
}

// revOrgFilter holds the filters of `rev-orgs-list-request` that the server
// implements (all but the custom field filters).
type revOrgFilter struct {
	Account      []string        `json:"account"`
	CreatedBy    []string        `json:"created_by"`
	CreatedDate  *dateTimeFilter `json:"created_date"`
	DisplayName  []string        `json:"display_name"`
	ExternalRef  []string        `json:"external_ref"`
	ModifiedDate *dateTimeFilter `json:"modified_date"`
	Tags         []string        `json:"tags"`
}

func (x *revOrgTable) compile(f *revOrgFilter) (func(int) bool, *apiError) {
	var ps predicates
	if e := ps.addDates(x.keys, dated{"created_date", f.CreatedDate}, dated{"modified_date", f.ModifiedDate}); e != nil {
		return nil, e
	}
	ps.addSet(toSet(f.Account, normID), x.account)
	ps.addSet(toSet(f.CreatedBy, normID), x.createdBy)
	ps.addSet(toSet(f.DisplayName, nil), x.displayName)
	ps.addSet(toSet(f.ExternalRef, nil), x.externalRef)
	ps.addSet(toSet(f.Tags, normID), x.tags)
	return ps.all(), nil
}

func (x *revOrgTable) routes(add func(string, handler)) {
	add("/rev-orgs.list", listHandler(x.table, "rev_orgs", x.compile))
	add("/rev-orgs.get", getHandler(x.table, "rev_org", "rev org"))
}
