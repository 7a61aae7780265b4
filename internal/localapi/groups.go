package localapi

import (
	"strconv"
	"strings"
	"time"
)

// Group is the server's model of a DevRev group (`group`, an `atom-base`).
// Empty strings and nil pointers are absent and omitted, except
// is_default, which the spec requires.
type Group struct {
	CreatedBy    *UserSummary `json:"created_by,omitempty"`
	CreatedDate  string       `json:"created_date,omitempty"`
	Description  string       `json:"description,omitempty"`
	DisplayID    string       `json:"display_id,omitempty"`
	ID           string       `json:"id"`
	IsDefault    bool         `json:"is_default"`
	MemberType   string       `json:"member_type,omitempty"`
	ModifiedBy   *UserSummary `json:"modified_by,omitempty"`
	ModifiedDate string       `json:"modified_date,omitempty"`
	Name         string       `json:"name,omitempty"`
	Owner        *UserSummary `json:"owner,omitempty"`

	// GroupType is `static` or `dynamic`: the group_type filter selects
	// on it; the group schema has no such field, so it is not served.
	GroupType string `json:"-"`
	// Members are the display ids of the group's members (DEVU-3, or
	// REVU-1 for a group of rev users), in the order they joined, which is
	// the order groups.members.list serves them in. They are the one
	// record of who is in which group: the members list and count are
	// built from them.
	Members []string `json:"-"`
}

// Summary is the group-summary other objects (a ticket's group) use.
func (g *Group) Summary() GroupSummary {
	return GroupSummary{ID: g.ID, DisplayID: g.DisplayID, Name: g.Name}
}

var groups = object[Group]{
	list: "/groups.list", get: "/groups.get", key: "groups", one: "group",
	id: func(g *Group) string { return g.ID }, displayID: func(g *Group) string { return g.DisplayID },
	columns: []column[Group]{
		{"created_date", func(g *Group) string { return g.CreatedDate }},
		{"modified_date", func(g *Group) string { return g.ModifiedDate }},
		{"name", func(g *Group) string { return g.Name }},
	},
	filters: []filter[Group]{
		enum("group_type", func(g *Group) []string { return one(g.GroupType) }),
		enum("member_type", func(g *Group) []string { return one(g.MemberType) }),
		exact("name", func(g *Group) []string { return one(g.Name) }),
		anyID("created_by", func(g *Group) []string { return userIDs(g.CreatedBy) }),
		flag("is_default", func(g *Group) *bool { return &g.IsDefault }),
	},
	clone:        cloneGroup,
	seed:         func(sd *seeds, n int) []Group { return generateGroups(sd.opts.Seed, n, of[DevUser](sd, "dev-users")) },
	defaultCount: func(*seeds) int { return defaultGroups },
}

var _ = serve(&groups)

func cloneGroup(g Group) Group {
	g.Members = append([]string(nil), g.Members...)
	return g
}

// GroupMember is one item of groups.members.list
// (`group-members-list-response-member`).
type GroupMember struct {
	Member       *UserSummary   `json:"member"`
	MemberRevOrg *RevOrgSummary `json:"member_rev_org,omitempty"`

	group  string // the group's id
	joined string // when the member joined: the table's order
	key    string // group and member: the row's unique id
}

// RevOrgSummary is DevRev's rev-org-summary (an org-base-summary).
type RevOrgSummary struct {
	DisplayID   string `json:"display_id,omitempty"`
	DisplayName string `json:"display_name,omitempty"`
	ID          string `json:"id"`
}

// groupMembers are the members of every group, one row per group and
// member, in the order they joined: groups.members.list and count serve
// one group's (the required group filter).
var groupMembers = object[GroupMember]{
	list: "/groups.members.list", count: "/groups.members.count", key: "members", cappedCount: true,
	id: func(m *GroupMember) string { return m.key }, displayID: func(*GroupMember) string { return "" },
	columns: []column[GroupMember]{{"created_date", func(m *GroupMember) string { return m.joined }}},
	filters: []filter[GroupMember]{custom(groupOf, "group")},
	// Members are made from the groups, the users and the rev users as
	// they are served, dates moved.
	derived: true,
	seed: func(sd *seeds, _ int) []GroupMember {
		return groupMemberRows(of[Group](sd, "groups"), sd.allUsers(), revOrgsOf(of[RevUser](sd, "rev-users")))
	},
}

var _ = serve(&groupMembers)

// groupOf selects the members of the group the request names, which it
// must: an unknown group is a 404, as DevRev answers.
func groupOf(b *built[GroupMember], r *request) (func(int) bool, *apiError) {
	g, e := r.str("group")
	if e != nil {
		return nil, e
	}
	if g == nil || strings.TrimSpace(*g) == "" {
		return nil, errMissingField("group")
	}
	groups := builtOf[Group](b.srv, "groups")
	i, ok := groups.lookup(*g)
	if !ok {
		return nil, errNotFound("group " + strconv.Quote(*g) + " not found")
	}
	id := groups.items[i].ID
	return func(row int) bool { return b.items[row].group == id }, nil
}

// groupMemberRows makes a row for each member of each group that is one of
// users (a member who is not is left out), joined a minute apart after the
// group was created.
func groupMemberRows(groups []Group, users []*UserSummary, revOrgs map[string]*RevOrgSummary) []GroupMember {
	byID := map[string]*UserSummary{}
	for _, u := range users { // the first user with an id wins: the dev users
		for _, id := range []string{normID(u.DisplayID), u.ID} {
			if _, dup := byID[id]; !dup {
				byID[id] = u
			}
		}
	}
	rows := []GroupMember{}
	for _, g := range groups {
		base := parseInstant(g.CreatedDate)
		if base == absent {
			base = 0
		}
		for k, id := range g.Members {
			u, ok := byID[normID(id)]
			if !ok {
				continue
			}
			joined := time.Unix(0, base).Add(time.Duration(k+1) * time.Minute).UTC().Format(time.RFC3339Nano)
			rows = append(rows, GroupMember{Member: u, MemberRevOrg: revOrgs[u.DisplayID],
				group: g.ID, joined: joined, key: g.ID + " " + u.ID})
		}
	}
	return rows
}
