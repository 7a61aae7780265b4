package provider

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// groupsOpts is the data the groups tests read: the seed groups and a few
// generated ones, over the default dev users.
var groupsOpts = localapi.Options{Count: 60, GroupCount: 14, Seed: 7}

// groupFilterCase is one filter of devrev_groups: its value, the field of
// the request body the spec names for it, and which of the served groups
// it must select (decided from the local API's data).
type groupFilterCase struct {
	attr string
	set  []string // a set argument's value, or
	flag *bool    // a flag's
	keep func(g *localapi.Group) bool
}

func (c groupFilterCase) value(typ tftypes.Type) tftypes.Value {
	if c.flag != nil {
		return tftypes.NewValue(tftypes.Bool, *c.flag)
	}
	return workFilterCase{set: c.set}.value(typ)
}

func (c groupFilterCase) wantBody() any {
	if c.flag != nil {
		return *c.flag
	}
	return workFilterCase{set: c.set}.wantBody()
}

func groupFilterCases(groups []localapi.Group) []groupFilterCase {
	yes := true
	creator := groups[2].CreatedBy.DisplayID
	return []groupFilterCase{
		{attr: "name", set: []string{"Support L2", "Sales"},
			keep: func(g *localapi.Group) bool { return g.Name == "Support L2" || g.Name == "Sales" }},
		{attr: "group_type", set: []string{"dynamic"},
			keep: func(g *localapi.Group) bool { return g.GroupType == "dynamic" }},
		{attr: "member_type", set: []string{"rev_user"},
			keep: func(g *localapi.Group) bool { return g.MemberType == "rev_user" }},
		{attr: "created_by", set: []string{creator},
			keep: func(g *localapi.Group) bool { return userHas([]*localapi.UserSummary{g.CreatedBy}, creator) }},
		{attr: "is_default", flag: &yes,
			keep: func(g *localapi.Group) bool { return g.IsDefault }},
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
	p := newInProcess(t, api.URL)
	groups := api.Groups()
	typ := p.configType(t, "devrev_groups")
	for _, c := range groupFilterCases(groups) {
		t.Run(c.attr, func(t *testing.T) {
			var want []string
			for i := range groups {
				if c.keep(&groups[i]) {
					want = append(want, groups[i].ID)
				}
			}
			if len(want) == 0 || len(want) == len(groups) {
				t.Fatalf("the case selects %d of %d groups: it cannot tell a working filter from a lost one", len(want), len(groups))
			}
			api.ResetRequests()
			state, diags := p.read(t, "devrev_groups", map[string]tftypes.Value{c.attr: c.value(typ.AttributeTypes[c.attr])})
			if state == nil {
				t.Fatalf("read: %v", diags)
			}
			bodies := specBodies(t, api.requestsTo("/groups.list"))
			if len(bodies) == 0 {
				t.Fatal("no groups.list request")
			}
			for _, b := range bodies {
				checkBodyNames(t, b, "groups-list-request")
				if got := b[c.attr]; !reflect.DeepEqual(got, c.wantBody()) {
					t.Errorf("request body at %s: %#v, want %#v", c.attr, got, c.wantBody())
				}
			}
			if got := stateIDs(t, state); !slices.Equal(got, want) {
				t.Errorf("selected %d groups %v, want %d %v", len(got), got, len(want), want)
			}
		})
	}
}

// devrev_group_members sends its group under the spec's `group`, and no
// sort_by (the spec has none); it lists exactly the group's members, in
// the API's order, with their ids in `ids`; devrev_group_members_count
// counts them with the same `group`, and says when DevRev capped the count.
func TestGroupMembersReachTheSpecAndSelect(t *testing.T) {
	opts := groupsOpts
	opts.GroupMemberCountCap = 5
	api := startAPI(t, opts)
	p := newInProcess(t, api.URL)
	for _, g := range api.Groups() {
		for _, id := range []string{g.ID, g.DisplayID} {
			t.Run(g.Name+"/"+id, func(t *testing.T) {
				members := api.GroupMembers(id)
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

// The summaries a group member nests, each checked on its own: every field
// of its wire type is an attribute, and its getters read the right fields.
func TestGroupMemberSummariesCoverTheirWireTypes(t *testing.T) {
	checkObject(t, memberSummary)
	checkObject(t, revOrgSummary)
}
