package localapi

import (
	"strconv"
	"time"
)

// Groups are generated like the other objects: deterministic for a seed,
// and a smaller count is a prefix of a larger one. Names depend only on
// the position, so "Support L1" is always GRP-1 (the group of tickets, see
// seed_works.go) and a demo can look a group up by name. Their members are
// the server's dev users (the rev users of the seed pool in the one group
// of rev users); some dev users are in several groups, and every dev user
// is in the default group "Everyone".

// seedGroups are the first groups; generated ones follow.
var seedGroups = []struct {
	name, description, groupType, memberType string
	isDefault                                bool
}{
	{"Support L1", "First line of support: triages incoming tickets.", "static", "dev_user", false},
	{"Support L2", "Second line of support: takes escalated tickets.", "static", "dev_user", false},
	{"Engineering", "Builds and runs the product.", "static", "dev_user", false},
	{"Sales", "Account executives and solution engineers.", "static", "dev_user", false},
	{"Everyone", "Every dev user of the organization.", "dynamic", "dev_user", true},
	{"Customer champions", "Customer contacts who test new features first.", "static", "rev_user", false},
}

// groupID and groupDisplayID name group i (0-based).
func groupID(i int) string        { return donPrefix + "group/" + strconv.Itoa(i+1) }
func groupDisplayID(i int) string { return "GRP-" + strconv.Itoa(i+1) }

// seedGroupSummary is the group-summary of seed group i, for the objects
// generated before the groups (a ticket's group).
func seedGroupSummary(i int) GroupSummary {
	return GroupSummary{ID: groupID(i), DisplayID: groupDisplayID(i), Name: seedGroups[i].name}
}

// generateGroups returns count groups, GRP-1.., created and owned by
// users, with members among them (and, for the group of rev users, among
// the seed pool's rev users).
func generateGroups(seed uint64, count int, users []DevUser) []Group {
	if count <= 0 {
		return []Group{}
	}
	r := &rng{s: seed ^ 0x7f4a7c159e3779b9}
	someone := somebody(r, users)
	var revUsers []string
	for _, su := range seedUsers {
		if su.kind == "rev_user" {
			revUsers = append(revUsers, su.displayID)
		}
	}
	out := make([]Group, count)
	// Groups were set up from mid-2021 on, a day or two apart.
	clock := time.Date(2021, 6, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	for i := range out {
		clock += int64(1 + r.intn(2*24*3600*1000))
		created, createdStr := stamp(r, clock)
		g := Group{
			ID: groupID(i), DisplayID: groupDisplayID(i),
			CreatedDate: createdStr, ModifiedDate: createdStr,
			GroupType: "static", MemberType: "dev_user",
		}
		if i < len(seedGroups) {
			s := seedGroups[i]
			g.Name, g.Description, g.GroupType, g.MemberType, g.IsDefault = s.name, s.description, s.groupType, s.memberType, s.isDefault
		} else {
			g.Name = "Team " + strconv.Itoa(i+1)
			if r.pct(70) {
				g.Description = "Working group " + strconv.Itoa(i+1) + "."
			}
			if r.pct(20) {
				g.GroupType = "dynamic"
			}
		}
		if r.pct(50) {
			_, g.ModifiedDate = stamp(r, created+int64(60_000+r.intn(300*24*3600*1000)))
		}
		g.CreatedBy = someone()
		g.ModifiedBy = g.CreatedBy
		if r.pct(40) {
			g.ModifiedBy = someone()
		}
		if r.pct(80) {
			g.Owner = someone()
		}
		switch {
		case g.MemberType == "rev_user":
			g.Members = append([]string{}, revUsers[:min(4, len(revUsers))]...)
		case g.IsDefault:
			g.Members = make([]string, len(users))
			for k := range users {
				g.Members[k] = users[k].DisplayID
			}
		default:
			// About a third of the dev users, at least one: with several
			// groups, some users are in more than one.
			g.Members = []string{}
			for k := range users {
				if r.pct(35) {
					g.Members = append(g.Members, users[k].DisplayID)
				}
			}
			if len(g.Members) == 0 && len(users) > 0 {
				g.Members = append(g.Members, users[r.intn(len(users))].DisplayID)
			}
		}
		out[i] = g
	}
	return out
}

// revOrgsOf maps each rev user's display id to its Rev organization, as
// rev-users.list serves it: a group's member_rev_org is the same.
func revOrgsOf(users []RevUser) map[string]*RevOrgSummary {
	out := map[string]*RevOrgSummary{}
	for _, u := range users {
		if o := u.RevOrg; o != nil {
			out[u.DisplayID] = &RevOrgSummary{ID: o.ID, DisplayID: o.DisplayID, DisplayName: o.DisplayName}
		}
	}
	return out
}
