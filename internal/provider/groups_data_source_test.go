package provider

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// expectGroup checks every attribute of the devrev_group at addr against
// the group as the local API serves it.
func expectGroup(addr string, g localapi.Group) []statecheck.StateCheck {
	data, _ := json.Marshal(g)
	var served map[string]any
	_ = json.Unmarshal(data, &served)
	var checks []statecheck.StateCheck
	for name, at := range groupObject.typ.AttributeTypes {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), expectDecoded(servedValue(served, name), at)))
	}
	return checks
}

// From a group's name to what its members did, as a configuration chains
// them: devrev_groups by name, devrev_group_members of the group found,
// devrev_engagements whose members are those members. The engagements
// read must be exactly those of the local API with one of the group's
// members, in its order; the count counts the members; a group reads by
// display id (any case) and by DON id.
func TestAccGroups_nameToMembersToEngagements(t *testing.T) {
	api := startAPI(t, groupsOpts)
	engagements := localapi.Items[localapi.Engagement](api.Server, "engagements")
	// The first dev-user group whose members took part in some of the
	// engagements but not all: the chain must select, not pass everything.
	var group localapi.Group
	var members []localapi.GroupMember
	var want []string
	for _, g := range localapi.Items[localapi.Group](api.Server, "groups") {
		if g.MemberType != "dev_user" || g.IsDefault {
			continue
		}
		ms := localapi.Select[localapi.GroupMember](api.Server, "groups.members", map[string]any{"group": g.ID})
		var ids []string
		for _, e := range engagements {
			if slices.ContainsFunc(ms, func(m localapi.GroupMember) bool { return slices.Contains(e.Members, m.Member.DisplayID) }) {
				ids = append(ids, e.ID)
			}
		}
		if len(ids) > 0 && len(ids) < len(engagements) && len(ms) > 1 {
			group, members, want = g, ms, ids
			break
		}
	}
	if group.ID == "" {
		t.Fatal("no group's members took part in some engagements but not all: the test cannot tell a chain that selects from one that does not")
	}
	t.Logf("%s: %d members, in %d of %d engagements", group.Name, len(members), len(want), len(engagements))
	memberIDs := make([]knownvalue.Check, len(members))
	for i, m := range members {
		memberIDs[i] = knownvalue.StringExact(m.Member.ID)
	}
	wantIDs := make([]knownvalue.Check, len(want))
	for i, id := range want {
		wantIDs[i] = knownvalue.StringExact(id)
	}
	byDisplay, byDON := localapi.Items[localapi.Group](api.Server, "groups")[2], localapi.Items[localapi.Group](api.Server, "groups")[5]
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.devrev_groups.team", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(group.ID)})),
		statecheck.ExpectKnownValue("data.devrev_group_members.team", tfjsonpath.New("ids"), knownvalue.ListExact(memberIDs)),
		statecheck.ExpectKnownValue("data.devrev_group_members.team", tfjsonpath.New("members").AtSliceIndex(0).AtMapKey("member_id"),
			knownvalue.StringExact(members[0].Member.ID)),
		statecheck.ExpectKnownValue("data.devrev_group_members.team", tfjsonpath.New("users").AtMapKey(members[0].Member.ID),
			expectJSON(members[0].Member, userSummary.typ)),
		statecheck.ExpectKnownValue("data.devrev_engagements.team", tfjsonpath.New("ids"), knownvalue.ListExact(wantIDs)),
		statecheck.ExpectKnownValue("data.devrev_group_members_count.team", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(members)))),
		statecheck.ExpectKnownValue("data.devrev_group_members_count.team", tfjsonpath.New("has_more"), knownvalue.Bool(false)),
		statecheck.ExpectKnownOutputValue("member_emails", knownvalue.ListSizeExact(len(members))),
	}
	checks = append(checks, expectGroup("data.devrev_group.by_display", byDisplay)...)
	checks = append(checks, expectGroup("data.devrev_group.by_don", byDON)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_groups" "team" { name = ["` + group.Name + `"] }
data "devrev_group_members" "team" { group = data.devrev_groups.team.ids[0] }
data "devrev_engagements" "team" { members = data.devrev_group_members.team.ids }
data "devrev_group_members_count" "team" { group = data.devrev_groups.team.ids[0] }
data "devrev_group" "by_display" { id = "` + strings.ToLower(byDisplay.DisplayID) + `" }
data "devrev_group" "by_don" { id = "` + byDON.ID + `" }
output "member_emails" {
  value = [for m in data.devrev_group_members.team.members : data.devrev_group_members.team.users[m.member_id].email]
}
`,
			ConfigStateChecks: checks,
		}},
	})
	// The engagements were asked for by the members' ids, as listed.
	for _, b := range specBodies(t, api.requestsTo("/engagements.list")) {
		got, _ := b["members"].([]any)
		if len(got) != len(members) {
			t.Errorf("engagements.list members %v, want the %d members' ids", got, len(members))
		}
	}
}

// Plan-time validation names the argument and says what it takes; no
// request reaches DevRev. A group that does not exist is an error that
// names it.
func TestAccGroups_validationAndNotFound(t *testing.T) {
	api := startAPI(t, groupsOpts)
	steps := []resource.TestStep{}
	for _, tt := range []struct{ config, want string }{
		{`data "devrev_groups" "x" { group_type = ["open"] }`, `value must be one of`},
		{`data "devrev_groups" "x" { member_type = ["group"] }`, `value must be one of`},
		{`data "devrev_group_members" "x" {}`, `The argument "group" is required`},
		{`data "devrev_group_members_count" "x" {}`, `The argument "group" is required`},
		{`data "devrev_group_members" "x" { group = "" }`, `group string length must be at least 1`},
		{`data "devrev_group_members" "x" {
  group   = "GRP-1"
  sort_by = ["created_date:asc"]
}`, `An argument named "sort_by" is not expected here`},
		{`data "devrev_group" "x" { id = "" }`, `id string length must be at least 1`},
	} {
		steps = append(steps, resource.TestStep{Config: api.providerBlock() + tt.config, PlanOnly: true, ExpectError: errorLike(tt.want)})
	}
	steps = append(steps,
		resource.TestStep{
			Config:      api.providerBlock() + `data "devrev_group" "x" { id = "GRP-999" }`,
			ExpectError: errorLike("DevRev group not found", `No group has the id "GRP-999"`, "HTTP 404"),
		},
		resource.TestStep{
			Config:      api.providerBlock() + `data "devrev_group_members" "x" { group = "GRP-999" }`,
			ExpectError: errorLike("Could not list DevRev group members", "HTTP 404", `group "GRP-999" not found`),
		},
	)
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.requestsTo("/groups.list")) + len(api.requestsTo("/groups.members.count")); n != 0 {
		t.Errorf("invalid configurations sent %d requests", n)
	}
}
