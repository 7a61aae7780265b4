package provider

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// groupsOpts is the data the groups tests read: the seed groups and a few
// generated ones, over the default dev users.
var groupsOpts = localapi.Options{Seed: 7, Counts: map[string]int{"engagements": 60, "groups": 14}}

// groupFilterCases are every filter case of devrev_groups, over the data
// api serves.
func groupFilterCases(api *testAPI) filterList[localapi.Group] {
	groups := localapi.Items[localapi.Group](api.Server, "groups")
	creator := groups[2].CreatedBy.DisplayID
	f := oneFilter[localapi.Group]
	return filterList[localapi.Group]{
		typeName: "devrev_groups", path: "/groups.list", schemas: map[string]string{"": "groups-list-request"},
		items: groups, id: func(g *localapi.Group) string { return g.ID },
		cases: []listFilterCase[localapi.Group]{
			f("name", []string{"Support L2", "Sales"}, func(g *localapi.Group) bool { return g.Name == "Support L2" || g.Name == "Sales" }),
			f("group_type", []string{"dynamic"}, func(g *localapi.Group) bool { return g.GroupType == "dynamic" }),
			f("member_type", []string{"rev_user"}, func(g *localapi.Group) bool { return g.MemberType == "rev_user" }),
			f("created_by", []string{creator}, func(g *localapi.Group) bool { return userHas([]*localapi.UserSummary{g.CreatedBy}, creator) }),
			f("is_default", true, func(g *localapi.Group) bool { return g.IsDefault }),
		},
	}
}

// groupMembership is one member of one group, as groups.members.list
// lists it.
type groupMembership struct {
	group  *localapi.Group
	member localapi.GroupMember
}

// groupMemberFilterCases are the cases of devrev_group_members: every
// group by display id and by DON id (as TestGroupMembersReachTheSpecAndSelect
// reads them), over every group's members in the API's order, each
// selecting its group's members and sending the spec's `group` and no
// sort_by.
func groupMemberFilterCases(api *testAPI) filterList[groupMembership] {
	groups := localapi.Items[localapi.Group](api.Server, "groups")
	var items []groupMembership
	var cases []listFilterCase[groupMembership]
	for i := range groups {
		g := &groups[i]
		for _, m := range localapi.Select[localapi.GroupMember](api.Server, "groups.members", map[string]any{"group": g.ID}) {
			items = append(items, groupMembership{g, m})
		}
		for _, by := range []struct{ name, id string }{{"display_id", g.DisplayID}, {"id", g.ID}} {
			cases = append(cases, listFilterCase[groupMembership]{
				name: "group_" + strings.ToLower(g.DisplayID) + "_by_" + by.name,
				args: map[string]any{"group": by.id},
				body: map[string]any{"group": by.id, "sort_by": nil},
				keep: func(m *groupMembership) bool { return m.group.ID == g.ID },
			})
		}
	}
	return filterList[groupMembership]{
		typeName: "devrev_group_members", path: "/groups.members.list", schemas: map[string]string{"": "group-members-list-request"},
		items: items, id: func(m *groupMembership) string { return m.member.Member.ID }, cases: cases,
	}
}

// checkBodyNames fails for a top-level field of a request body that the
// spec's schema lacks.
func checkBodyNames(t *testing.T, body map[string]any, schema string) {
	t.Helper()
	for k := range body {
		if !slices.Contains(localapi.SpecFields(schema), k) {
			js, _ := json.Marshal(body)
			t.Errorf("request body field %q is not in the spec's %s: %s", k, schema, js)
		}
	}
}

// Every filter of devrev_groups, in-process: it reaches the request body
// under the spec's name, and selects exactly the groups it should.
func TestGroupsFiltersReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, groupsOpts)
	groupFilterCases(api).runInProcess(t, api)
}

// Every filter of devrev_groups and devrev_group_members through the CLI:
// one data block per case of the in-process tests, each selecting exactly
// the items the local API's data says, and the request bodies the CLI's
// run sent checked against the spec.
func TestAccGroups_everyFilter(t *testing.T) {
	api := startAPI(t, groupsOpts)
	runCLIFilters(t, api, groupFilterCases(api), groupMemberFilterCases(api))
}

// devrev_group_members sends its group under the spec's `group`, and no
// sort_by (the spec has none); it lists exactly the group's members, in
// the API's order, with their ids in `ids`; devrev_group_members_count
// counts them with the same `group`, and says when DevRev capped the count.
func TestGroupMembersReachTheSpecAndSelect(t *testing.T) {
	opts := groupsOpts
	opts.CountCaps = map[string]int{"groups.members": 5}
	api := startAPI(t, opts)
	p := newInProcess(t, api.URL)
	for _, g := range localapi.Items[localapi.Group](api.Server, "groups") {
		for _, id := range []string{g.ID, g.DisplayID} {
			t.Run(g.Name+"/"+id, func(t *testing.T) {
				members := localapi.Select[localapi.GroupMember](api.Server, "groups.members", map[string]any{"group": id})
				want := make([]string, len(members))
				for i, m := range members {
					want[i] = m.Member.ID
				}
				if len(want) == 0 {
					t.Fatalf("%s has no members", g.Name)
				}
				group := map[string]tftypes.Value{"group": tftypes.NewValue(tftypes.String, id)}
				api.ResetRequests()
				state, diags := p.read(t, "devrev_group_members", group)
				if state == nil {
					t.Fatalf("read: %v", diags)
				}
				for _, b := range specBodies(t, api.requestsTo("/groups.members.list")) {
					checkBodyNames(t, b, "group-members-list-request")
					if b["group"] != id || b["sort_by"] != nil {
						t.Errorf("request body %v: want group %q and no sort_by", b, id)
					}
				}
				if got := stateIDs(t, state); !slices.Equal(got, want) {
					t.Errorf("listed %d members %v, want %d %v", len(got), got, len(want), want)
				}

				api.ResetRequests()
				count, diags := p.read(t, "devrev_group_members_count", group)
				if count == nil {
					t.Fatalf("count: %v", diags)
				}
				bodies := specBodies(t, api.requestsTo("/groups.members.count"))
				if len(bodies) != 1 || !reflect.DeepEqual(bodies[0], map[string]any{"group": id}) {
					t.Errorf("count requests %v, want one with group %q", bodies, id)
				}
				var total big.Float
				var more bool
				_ = count["total"].As(&total)
				_ = count["has_more"].As(&more)
				wantTotal, wantMore := int64(len(want)), false
				if wantTotal > 5 {
					wantTotal, wantMore = 5, true
				}
				if n, _ := total.Int64(); n != wantTotal || more != wantMore {
					t.Errorf("count: total %d, has_more %v; want %d, %v", n, more, wantTotal, wantMore)
				}
			})
		}
	}
}

// A group that does not exist is an error that names it, on the list and
// the count alike: never an empty list that would read as "no members".
func TestGroupMembersOfAnUnknownGroupFail(t *testing.T) {
	api := startAPI(t, groupsOpts)
	p := newInProcess(t, api.URL)
	group := map[string]tftypes.Value{"group": tftypes.NewValue(tftypes.String, "GRP-999")}
	for _, typeName := range []string{"devrev_group_members", "devrev_group_members_count"} {
		_, diags := p.read(t, typeName, group)
		if len(diags) == 0 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
			t.Errorf("%s of an unknown group: no error", typeName)
			continue
		}
		if d := fmt.Sprint(diags[0].Summary, diags[0].Detail); !errorLike("HTTP 404", `"GRP-999"`).MatchString(d) {
			t.Errorf("%s: %s", typeName, d)
		}
	}
}

// A group member's references cover its wire type: `member_id` and
// `member_rev_org_id` are its `member` and `member_rev_org`, read by the
// right getters.
func TestGroupMemberCoversItsWireType(t *testing.T) {
	checkObject(t, groupMemberObject)
}
