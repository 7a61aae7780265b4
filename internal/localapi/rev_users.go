package localapi

import (
	"slices"
	"strings"
)

// RevUser is the server's model of a DevRev Rev user (`rev-user`, a
// `user-base`): a user of a customer organization. Empty strings and nil
// pointers or slices are absent and omitted.
type RevUser struct {
	CreatedBy      *UserSummary     `json:"created_by,omitempty"`
	CreatedDate    string           `json:"created_date,omitempty"`
	Description    string           `json:"description,omitempty"`
	DisplayID      string           `json:"display_id,omitempty"`
	DisplayName    string           `json:"display_name,omitempty"`
	DisplayPicture *ArtifactSummary `json:"display_picture,omitempty"`
	Email          string           `json:"email,omitempty"`
	ExternalRef    string           `json:"external_ref,omitempty"`
	FullName       string           `json:"full_name,omitempty"`
	ID             string           `json:"id"`
	IsVerified     *bool            `json:"is_verified,omitempty"`
	ModifiedBy     *UserSummary     `json:"modified_by,omitempty"`
	ModifiedDate   string           `json:"modified_date,omitempty"`
	PhoneNumbers   []string         `json:"phone_numbers,omitempty"`
	RevOrg         *OrgSummary      `json:"rev_org,omitempty"`
	State          string           `json:"state,omitempty"`
	Tags           []TagWithValue   `json:"tags,omitempty"`
}

// revUserTable is the rev users table with the values its filters read.
type revUserTable struct {
	*table
	items                                                     []RevUser
	createdBy, email, externalRef, phoneNumbers, revOrg, tags [][]string
}

func newRevUserTable(in []RevUser) *revUserTable {
	x := &revUserTable{}
	x.table, x.items = newTable("/rev-users.list", in, []column[RevUser]{
		{"created_date", func(u *RevUser) string { return u.CreatedDate }},
		{"display_name", func(u *RevUser) string { return u.DisplayName }},
		{"modified_date", func(u *RevUser) string { return u.ModifiedDate }},
	}, func(u *RevUser) string { return u.ID }, func(u *RevUser) string { return u.DisplayID }, cloneRevUser, renderEach)
	for i := range x.items {
		u := &x.items[i]
		x.createdBy = append(x.createdBy, userIDs(u.CreatedBy))
		x.email = append(x.email, one(strings.ToLower(u.Email)))
		x.externalRef = append(x.externalRef, one(u.ExternalRef))
		x.phoneNumbers = append(x.phoneNumbers, u.PhoneNumbers)
		x.revOrg = append(x.revOrg, orgIDs(u.RevOrg))
		x.tags = append(x.tags, tagIDs(u.Tags))
	}
	return x
}

func cloneRevUser(u RevUser) RevUser {
	u.PhoneNumbers, u.Tags = slices.Clone(u.PhoneNumbers), slices.Clone(u.Tags)
	return u
}

// revUserFilter holds the filters of `rev-users-list-request` that the
// server implements (all but associations, external_refs and the custom
// field filters): emails without case, ids by DON id or display id, the
// rest exact.
type revUserFilter struct {
	CreatedBy    []string        `json:"created_by"`
	CreatedDate  *dateTimeFilter `json:"created_date"`
	Email        []string        `json:"email"`
	ExternalRef  []string        `json:"external_ref"`
	IsVerified   *bool           `json:"is_verified"`
	ModifiedDate *dateTimeFilter `json:"modified_date"`
	PhoneNumbers []string        `json:"phone_numbers"`
	RevOrg       []string        `json:"rev_org"`
	Tags         []string        `json:"tags"`
}

func (x *revUserTable) compile(f *revUserFilter) (func(int) bool, *apiError) {
	var ps predicates
	if e := ps.addDates(x.keys, dated{"created_date", f.CreatedDate}, dated{"modified_date", f.ModifiedDate}); e != nil {
		return nil, e
	}
	ps.addSet(toSet(f.CreatedBy, normID), x.createdBy)
	ps.addSet(toSet(f.Email, strings.ToLower), x.email)
	ps.addSet(toSet(f.ExternalRef, nil), x.externalRef)
	ps.addSet(toSet(f.PhoneNumbers, nil), x.phoneNumbers)
	ps.addSet(toSet(f.RevOrg, normID), x.revOrg)
	ps.addSet(toSet(f.Tags, normID), x.tags)
	if want := f.IsVerified; want != nil {
		ps.add(func(i int) bool {
			v := x.items[i].IsVerified
			return v != nil && *v == *want
		})
	}
	return ps.all(), nil
}

func (x *revUserTable) routes(add func(string, handler)) {
	add("/rev-users.list", listHandler(x.table, "rev_users", x.compile))
	add("/rev-users.get", getHandler(x.table, "rev_user", "rev user"))
}
