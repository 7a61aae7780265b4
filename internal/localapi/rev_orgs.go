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
	CustomFields CustomFields   `json:"custom_fields,omitempty"`
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

var revOrgs = object[RevOrg]{
	list: "/rev-orgs.list", get: "/rev-orgs.get", key: "rev_orgs", one: "rev_org",
	id: func(o *RevOrg) string { return o.ID }, displayID: func(o *RevOrg) string { return o.DisplayID },
	columns: []column[RevOrg]{
		{"created_date", func(o *RevOrg) string { return o.CreatedDate }},
		{"display_name", func(o *RevOrg) string { return o.DisplayName }},
		{"modified_date", func(o *RevOrg) string { return o.ModifiedDate }},
	},
	filters: []filter[RevOrg]{
		dates[RevOrg]("created_date"),
		dates[RevOrg]("modified_date"),
		anyID("account", func(o *RevOrg) []string { return orgIDs(o.Account) }),
		anyID("created_by", func(o *RevOrg) []string { return userIDs(o.CreatedBy) }),
		exact("display_name", func(o *RevOrg) []string { return one(o.DisplayName) }),
		exact("external_ref", func(o *RevOrg) []string { return one(o.ExternalRef) }),
		anyID("tags", func(o *RevOrg) []string { return tagIDs(o.Tags) }),
		customFieldsFilter(func(o *RevOrg) CustomFields { return o.CustomFields }),
	},
	clone: func(o RevOrg) RevOrg {
		o.Tags = slices.Clone(o.Tags)
		return o
	},
	seed: func(sd *seeds, n int) []RevOrg {
		accounts := of[Account](sd, "accounts")
		orgs := generateRevOrgs(sd.opts.Seed, n, accounts, of[DevUser](sd, "dev-users"), of[Tag](sd, "tags"))
		addRevOrgCustomFields(orgs, accounts)
		return orgs
	},
	defaultCount: func(sd *seeds) int { return defaultRevOrgs(len(of[Account](sd, "accounts"))) },
}

var _ = serve(&revOrgs)
