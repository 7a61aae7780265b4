package localapi

import "strings"

// DevUser is the server's model of a DevRev dev user (`dev-user`, a
// `user-base`): a member of the organization that uses DevRev. Empty
// strings and nil pointers are absent and omitted.
type DevUser struct {
	CreatedDate    string           `json:"created_date,omitempty"`
	DisplayID      string           `json:"display_id,omitempty"`
	DisplayName    string           `json:"display_name,omitempty"`
	DisplayPicture *ArtifactSummary `json:"display_picture,omitempty"`
	Email          string           `json:"email,omitempty"`
	FullName       string           `json:"full_name,omitempty"`
	ID             string           `json:"id"`
	ModifiedDate   string           `json:"modified_date,omitempty"`
	State          string           `json:"state,omitempty"`
}

// UserStates is the spec's user-state enum.
var UserStates = []string{"active", "deactivated", "deleted", "locked", "shadow", "unassigned"}

// Summary is the user-summary that other objects (an engagement's members,
// an account's owners) use to refer to u.
func (u *DevUser) Summary() *UserSummary {
	return &UserSummary{
		Type: "dev_user", ID: u.ID, DisplayID: u.DisplayID, DisplayName: u.DisplayName,
		DisplayPicture: u.DisplayPicture, Email: u.Email, FullName: u.FullName, State: u.State,
	}
}

// devUserTable is the dev users table with the values its filters read.
type devUserTable struct {
	*table
	items        []DevUser
	email, state [][]string
}

func newDevUserTable(in []DevUser) *devUserTable {
	x := &devUserTable{}
	x.table, x.items = newTable("/dev-users.list", in, []column[DevUser]{
		{"created_date", func(u *DevUser) string { return u.CreatedDate }},
		{"display_name", func(u *DevUser) string { return u.DisplayName }},
		{"modified_date", func(u *DevUser) string { return u.ModifiedDate }},
	}, func(u *DevUser) string { return u.ID }, func(u *DevUser) string { return u.DisplayID },
		func(u DevUser) DevUser { return u }, renderEach)
	for i := range x.items {
		x.email = append(x.email, one(strings.ToLower(x.items[i].Email)))
		x.state = append(x.state, one(x.items[i].State))
	}
	return x
}

// devUserFilter holds the filters of `dev-users-list-request` that the
// server implements: email (without case) and state (the user-state enum).
type devUserFilter struct {
	Email []string `json:"email"`
	State []string `json:"state"`
}

func (x *devUserTable) compile(f *devUserFilter) (func(int) bool, *apiError) {
	if e := checkEnum("state", f.State, UserStates); e != nil {
		return nil, e
	}
	var ps predicates
	ps.addSet(toSet(f.Email, strings.ToLower), x.email)
	ps.addSet(toSet(f.State, nil), x.state)
	return ps.all(), nil
}

func (x *devUserTable) routes(add func(string, handler)) {
	add("/dev-users.list", listHandler(x.table, "dev_users", x.compile))
	add("/dev-users.get", getHandler(x.table, "dev_user", "dev user"))
}
