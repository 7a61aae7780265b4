package localapi

import "slices"

// RevUser is the server's model of a DevRev Rev user (`rev-user`, a
// `user-base`): a user of a customer organization. Empty strings and nil
// pointers or slices are absent and omitted.
type RevUser struct {
	CreatedBy      *UserSummary     `json:"created_by,omitempty"`
	CreatedDate    string           `json:"created_date,omitempty"`
	CustomFields   CustomFields     `json:"custom_fields,omitempty"`
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

var revUsers = object[RevUser]{
	list: "/rev-users.list", get: "/rev-users.get", key: "rev_users", one: "rev_user",
	id: func(u *RevUser) string { return u.ID }, displayID: func(u *RevUser) string { return u.DisplayID },
	columns: []column[RevUser]{
		{"created_date", func(u *RevUser) string { return u.CreatedDate }},
		{"display_name", func(u *RevUser) string { return u.DisplayName }},
		{"modified_date", func(u *RevUser) string { return u.ModifiedDate }},
	},
	filters: []filter[RevUser]{
		dates[RevUser]("created_date"),
		dates[RevUser]("modified_date"),
		anyID("created_by", func(u *RevUser) []string { return userIDs(u.CreatedBy) }),
		fold("email", func(u *RevUser) []string { return one(u.Email) }),
		exact("external_ref", func(u *RevUser) []string { return one(u.ExternalRef) }),
		flag("is_verified", func(u *RevUser) *bool { return u.IsVerified }),
		exact("phone_numbers", func(u *RevUser) []string { return u.PhoneNumbers }),
		anyID("rev_org", func(u *RevUser) []string { return orgIDs(u.RevOrg) }),
		anyID("tags", func(u *RevUser) []string { return tagIDs(u.Tags) }),
		customFieldsFilter(func(u *RevUser) CustomFields { return u.CustomFields }),
	},
	clone: func(u RevUser) RevUser {
		u.PhoneNumbers, u.Tags = slices.Clone(u.PhoneNumbers), slices.Clone(u.Tags)
		return u
	},
	seed: func(sd *seeds, n int) []RevUser {
		return generateRevUsers(sd.opts.Seed, n, of[RevOrg](sd, "rev-orgs"), of[DevUser](sd, "dev-users"), of[Tag](sd, "tags"))
	},
	defaultCount: func(*seeds) int { return defaultRevUsers },
}

var _ = serve(&revUsers)
