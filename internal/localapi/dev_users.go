package localapi

// DevUser is the server's model of a DevRev dev user (`dev-user`, a
// `user-base`): a member of the organization that uses DevRev. Empty
// strings and nil pointers are absent and omitted.
type DevUser struct {
	CreatedDate    string           `json:"created_date,omitempty"`
	CustomFields   CustomFields     `json:"custom_fields,omitempty"`
	DisplayID      string           `json:"display_id,omitempty"`
	DisplayName    string           `json:"display_name,omitempty"`
	DisplayPicture *ArtifactSummary `json:"display_picture,omitempty"`
	Email          string           `json:"email,omitempty"`
	FullName       string           `json:"full_name,omitempty"`
	ID             string           `json:"id"`
	ModifiedDate   string           `json:"modified_date,omitempty"`
	State          string           `json:"state,omitempty"`
}

// Summary is the user-summary that other objects (an engagement's members,
// an account's owners) use to refer to u.
func (u *DevUser) Summary() *UserSummary {
	return &UserSummary{
		Type: "dev_user", ID: u.ID, DisplayID: u.DisplayID, DisplayName: u.DisplayName,
		DisplayPicture: u.DisplayPicture, Email: u.Email, FullName: u.FullName, State: u.State,
	}
}

// devUsers serve the filters of `dev-users-list-request` the server
// implements.
var devUsers = object[DevUser]{
	list: "/dev-users.list", get: "/dev-users.get", key: "dev_users", one: "dev_user",
	id: func(u *DevUser) string { return u.ID }, displayID: func(u *DevUser) string { return u.DisplayID },
	columns: []column[DevUser]{
		{"created_date", func(u *DevUser) string { return u.CreatedDate }},
		{"display_name", func(u *DevUser) string { return u.DisplayName }},
		{"modified_date", func(u *DevUser) string { return u.ModifiedDate }},
	},
	filters: []filter[DevUser]{
		fold("email", func(u *DevUser) []string { return one(u.Email) }),
		enum("state", func(u *DevUser) []string { return one(u.State) }),
		customFieldsFilter(func(u *DevUser) CustomFields { return u.CustomFields }),
	},
	seed:         func(sd *seeds, n int) []DevUser { return generateDevUsers(sd.opts.Seed, n) },
	defaultCount: func(*seeds) int { return defaultDevUsers },
}

var _ = serve(&devUsers)
