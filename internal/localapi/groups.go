package localapi

import (
	"net/http"
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

// Enums of the spec the groups filters check.
var (
	GroupTypes       = []string{"dynamic", "static"}
	GroupMemberTypes = []string{"dev_user", "rev_user"}
)

// groupTable is the groups table with the values its filters read.
type groupTable struct {
	*table
	items                                             []Group
	name, groupType, memberType, createdBy, isDefault [][]string
}

func newGroupTable(in []Group) *groupTable {
	x := &groupTable{}
	x.table, x.items = newTable("/groups.list", in, []column[Group]{
		{"created_date", func(g *Group) string { return g.CreatedDate }},
		{"modified_date", func(g *Group) string { return g.ModifiedDate }},
		{"name", func(g *Group) string { return g.Name }},
	}, func(g *Group) string { return g.ID }, func(g *Group) string { return g.DisplayID }, cloneGroup, renderEach)
	for i := range x.items {
		g := &x.items[i]
		x.name = append(x.name, one(g.Name))
		x.groupType = append(x.groupType, one(g.GroupType))
		x.memberType = append(x.memberType, one(g.MemberType))
		x.createdBy = append(x.createdBy, userIDs(g.CreatedBy))
		x.isDefault = append(x.isDefault, one(strconv.FormatBool(g.IsDefault)))
	}
	return x
}

func cloneGroup(g Group) Group {
	g.Members = append([]string(nil), g.Members...)
	return g
}

// groupFilter is the part of `groups-list-request` the server implements:
// names exactly, types and member types (enums), creators by id, and
// is_default.
type groupFilter struct {
	CreatedBy  []string `json:"created_by"`
	GroupType  []string `json:"group_type"`
	IsDefault  *bool    `json:"is_default"`
	MemberType []string `json:"member_type"`
	Name       []string `json:"name"`
}

func (x *groupTable) compile(f *groupFilter) (func(int) bool, *apiError) {
	if e := checkEnum("group_type", f.GroupType, GroupTypes); e != nil {
		return nil, e
	}
	if e := checkEnum("member_type", f.MemberType, GroupMemberTypes); e != nil {
		return nil, e
	}
	var ps predicates
	ps.addSet(toSet(f.Name, nil), x.name)
	ps.addSet(toSet(f.GroupType, nil), x.groupType)
	ps.addSet(toSet(f.MemberType, nil), x.memberType)
	ps.addSet(toSet(f.CreatedBy, normID), x.createdBy)
	if f.IsDefault != nil {
		ps.addSet(toSet([]string{strconv.FormatBool(*f.IsDefault)}, nil), x.isDefault)
	}
	return ps.all(), nil
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

// memberTable holds every membership of every group, each group's in the
// order of Group.Members; a list selects one group's rows.
type memberTable struct {
	*table
	groups   *groupTable
	items    []GroupMember
	group    []string // per row
	countCap int
}

// newMemberTable makes the memberships of groups, resolving each member id
// among users (a member no user has is left out); a rev user's rev org is
// revOrgs[its display id], if any.
func newMemberTable(groups *groupTable, users []*UserSummary, revOrgs map[string]*RevOrgSummary, countCap int) *memberTable {
	byID := map[string]*UserSummary{}
	for _, u := range users { // the first user with an id wins: the dev users
		for _, id := range []string{normID(u.DisplayID), u.ID} {
			if _, dup := byID[id]; !dup {
				byID[id] = u
			}
		}
	}
	var rows []GroupMember
	for _, g := range groups.items {
		base := parseInstant(g.CreatedDate)
		if base == absent {
			base = 0
		}
		for k, id := range g.Members {
			u, ok := byID[normID(id)]
			if !ok {
				continue
			}
			// One minute apart from the group's creation on: the order of
			// Members.
			joined := time.Unix(0, base).Add(time.Duration(k+1) * time.Minute).UTC().Format(time.RFC3339Nano)
			rows = append(rows, GroupMember{Member: u, MemberRevOrg: revOrgs[u.DisplayID],
				group: g.ID, joined: joined, key: g.ID + " " + u.ID})
		}
	}
	x := &memberTable{groups: groups, countCap: countCap}
	x.table, x.items = newTable("/groups.members.list", rows, []column[GroupMember]{
		{"created_date", func(m *GroupMember) string { return m.joined }},
	}, func(m *GroupMember) string { return m.key }, func(*GroupMember) string { return "" },
		func(m GroupMember) GroupMember { return m }, renderEach)
	for i := range x.items {
		x.group = append(x.group, x.items[i].group)
	}
	return x
}

// membersFilter is `group-members-list-request` (and
// `group-members-count-request`) without paging: the group, required, by
// DON id or display id.
type membersFilter struct {
	Group *string `json:"group"`
}

// compile finds the group: missing is a 400, unknown a 404.
func (x *memberTable) compile(f *membersFilter) (func(int) bool, *apiError) {
	if f.Group == nil || strings.TrimSpace(*f.Group) == "" {
		return nil, errMissingField("group")
	}
	i, ok := x.groups.lookup(*f.Group)
	if !ok {
		return nil, errNotFound("group " + strconv.Quote(*f.Group) + " not found")
	}
	id := x.groups.items[i].ID
	return func(row int) bool { return x.group[row] == id }, nil
}

func (x *groupTable) routes(add func(string, handler)) {
	add("/groups.list", listHandler(x.table, "groups", x.compile))
	add("/groups.get", getHandler(x.table, "group", "group"))
}

func (x *memberTable) routes(add func(string, handler)) {
	add("/groups.members.list", listHandler(x.table, "members", x.compile))
	add("/groups.members.count", func(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
		var f membersFilter
		if e := readRequest(r, body, &f); e != nil {
			return nil, e
		}
		match, e := x.compile(&f)
		if e != nil {
			return nil, e
		}
		return cappedCount(x.count(match), x.countCap), nil
	})
}
