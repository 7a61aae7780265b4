package localapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// Every field of every served group and group member, and of the objects
// nested in them, is a property the spec gives that object.
func TestServedGroupsFollowTheSpec(t *testing.T) {
	s, base := start(t, Options{Seed: 4})
	checkKeys := func(what string, obj map[string]any, schema string, nested map[string]string) {
		t.Helper()
		for k, v := range obj {
			if !slices.Contains(SpecFields(schema), k) {
				t.Errorf("%s has %q, which the spec's %s lacks", what, k, schema)
			}
			if ns, ok := nested[k]; ok {
				m, _ := v.(map[string]any)
				for nk := range m {
					if !slices.Contains(SpecFields(ns), nk) {
						t.Errorf("%s.%s has %q, which the spec's %s lacks", what, k, nk, ns)
					}
				}
			}
		}
	}
	r := post(t, base, "/groups.list", map[string]any{})
	var groups struct {
		Groups []map[string]any `json:"groups"`
	}
	if err := json.Unmarshal(r.body, &groups); err != nil || len(groups.Groups) != defaultGroups {
		t.Fatalf("groups.list: %d %s (%v)", r.status, r.body, err)
	}
	users := map[string]string{"owner": "user-summary", "created_by": "user-summary", "modified_by": "user-summary"}
	revOrgs := 0
	for _, g := range groups.Groups {
		checkKeys("group "+g["display_id"].(string), g, "group", users)
		r := post(t, base, "/groups.members.list", map[string]any{"group": g["id"]})
		var page map[string]any
		_ = json.Unmarshal(r.body, &page)
		checkKeys("members page", page, "group-members-list-response", nil)
		members, _ := page["members"].([]any)
		if len(members) == 0 {
			t.Errorf("%v has no members", g["name"])
		}
		for _, m := range members {
			item, _ := m.(map[string]any)
			checkKeys("member", item, "group-members-list-response-member",
				map[string]string{"member": "member-summary", "member_rev_org": "rev-org-summary"})
			if item["member_rev_org"] != nil {
				revOrgs++
			}
		}
		r = post(t, base, "/groups.members.count", map[string]any{"group": g["display_id"]})
		var count map[string]any
		_ = json.Unmarshal(r.body, &count)
		checkKeys("count", count, "group-members-count-response", nil)
		if count["count"] != float64(len(members)) || count["has_more"] != false {
			t.Errorf("%v: count %s, listed %d", g["name"], r.body, len(members))
		}
		if got := Select[GroupMember](s, "groups.members", map[string]any{"group": g["display_id"].(string)}); len(got) != len(members) {
			t.Errorf("%v: GroupMembers has %d, the list %d", g["name"], len(got), len(members))
		}
	}
	if revOrgs == 0 {
		t.Error("no member has a member_rev_org")
	}
}

// Members are the dev users, some in more than one group, everyone in the
// default group; the same seed gives the same groups; a ticket's group is
// one of the groups.
func TestGroupsAreConsistent(t *testing.T) {
	s := New(Options{Seed: 9})
	if again := New(Options{Seed: 9}); !slices.EqualFunc(Items[Group](s, "groups"), Items[Group](again, "groups"), func(a, b Group) bool {
		return a.ID == b.ID && a.CreatedDate == b.CreatedDate && slices.Equal(a.Members, b.Members)
	}) {
		t.Error("the same seed gave other groups")
	}
	users := Items[DevUser](s, "dev-users")
	in := map[string]int{}
	for _, g := range Items[Group](s, "groups") {
		if g.MemberType != "dev_user" {
			continue
		}
		for _, m := range Select[GroupMember](s, "groups.members", map[string]any{"group": g.ID}) {
			if !slices.ContainsFunc(users, func(u DevUser) bool { return u.ID == m.Member.ID }) {
				t.Errorf("%s has %s, who is not a dev user", g.Name, m.Member.ID)
			}
			if !g.IsDefault {
				in[m.Member.ID]++
			}
		}
		if g.IsDefault && len(Select[GroupMember](s, "groups.members", map[string]any{"group": g.ID})) != len(users) {
			t.Errorf("the default group %s has %d members, not every dev user", g.Name, len(Select[GroupMember](s, "groups.members", map[string]any{"group": g.ID})))
		}
	}
	several := 0
	for _, n := range in {
		if n > 1 {
			several++
		}
	}
	if several == 0 {
		t.Error("no dev user is in more than one group")
	}
	byID := map[string]Group{}
	for _, g := range Items[Group](s, "groups") {
		byID[g.ID] = g
	}
	for _, w := range Items[Work](s, "works") {
		if w.Group != nil && (byID[w.Group.ID].Name != w.Group.Name || byID[w.Group.ID].DisplayID != w.Group.DisplayID) {
			t.Errorf("%s's group %+v is not one of the groups", w.DisplayID, *w.Group)
		}
	}
}

// groups.members.list requires its group: missing is a 400, unknown a 404,
// on the list and the count alike; groups.get finds a group by either id.
func TestGroupMembersNeedTheirGroup(t *testing.T) {
	_, base := start(t, Options{})
	for _, path := range []string{"/groups.members.list", "/groups.members.count"} {
		if r := post(t, base, path, map[string]any{}); r.status != http.StatusBadRequest {
			t.Errorf("%s without group: %d %s", path, r.status, r.body)
		}
		if r := post(t, base, path, map[string]any{"group": "GRP-999"}); r.status != http.StatusNotFound {
			t.Errorf("%s of an unknown group: %d %s", path, r.status, r.body)
		}
	}
	for _, id := range []string{"grp-3", donPrefix + "group/3"} {
		r := post(t, base, "/groups.get", map[string]any{"id": id})
		var got struct {
			Group Group `json:"group"`
		}
		if err := json.Unmarshal(r.body, &got); err != nil || got.Group.Name != "Engineering" {
			t.Errorf("groups.get %s: %d %s", id, r.status, r.body)
		}
	}
}

// A group's rev user is the one rev-users.list serves: the same rev org in
// member_rev_org as in the rev user's rev_org, and the same name.
func TestGroupRevUsersAreTheServedRevUsers(t *testing.T) {
	s := New(Options{})
	byID := map[string]RevUser{}
	for _, u := range Items[RevUser](s, "rev-users") {
		byID[u.DisplayID] = u
	}
	checked := 0
	for _, g := range Items[Group](s, "groups") {
		for _, m := range Select[GroupMember](s, "groups.members", map[string]any{"group": g.DisplayID}) {
			if m.Member == nil || m.Member.Type != "rev_user" {
				continue
			}
			u, ok := byID[m.Member.DisplayID]
			if !ok {
				t.Errorf("group %s has rev user %s, which rev-users.list does not serve", g.DisplayID, m.Member.DisplayID)
				continue
			}
			checked++
			var want, got string
			if u.RevOrg != nil {
				want = u.RevOrg.ID
			}
			if m.MemberRevOrg != nil {
				got = m.MemberRevOrg.ID
			}
			if got != want || m.Member.DisplayName != u.DisplayName {
				t.Errorf("%s in %s: rev org %q, name %q; rev-users.list says %q, %q", u.DisplayID, g.DisplayID, got, m.Member.DisplayName, want, u.DisplayName)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no group has a rev user: nothing was checked")
	}
}
