package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Every meetings filter through the CLI: one devrev_meetings and one
// devrev_meetings_count per filter, each selecting exactly the meetings the
// local API's data says. The API does not apply the date filters, so the
// dates are the provider's to make exact (the request bodies are checked
// in-process by TestMeetingsFiltersReachTheSpecAndSelect, and here again as
// the CLI's plan sent them).
func TestAccMeetings_everyFilter(t *testing.T) {
	opts := meetingsOpts
	opts.IgnoreDateFilters = []string{"meetings"}
	api := startAPI(t, opts)
	ms := localapi.Items[localapi.Meeting](api.Server, "meetings")
	cases := meetingFilterCases(ms)
	var config strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&config, "data \"devrev_meetings\" %q { %s = %s }\n", c.attr, c.attr, c.hcl())
		fmt.Fprintf(&config, "data \"devrev_meetings_count\" %q { %s = %s }\n", c.attr, c.attr, c.hcl())
		want := c.expectedIDs(ms)
		ids := make([]knownvalue.Check, len(want))
		for i, id := range want {
			ids[i] = knownvalue.StringExact(id)
		}
		checks = append(checks,
			statecheck.ExpectKnownValue("data.devrev_meetings."+c.attr, tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
			statecheck.ExpectKnownValue("data.devrev_meetings_count."+c.attr, tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(want)))))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: api.providerBlock() + config.String(), ConfigStateChecks: checks}},
	})
	bodies := specBodies(t, api.requestsTo("/meetings.list"))
	for _, c := range cases {
		if !slices.ContainsFunc(bodies, func(b map[string]any) bool { return at(b, c.body) != nil }) {
			t.Errorf("no meetings.list request carried %s", strings.Join(c.body, "."))
		}
	}
	for _, b := range bodies {
		checkMeetingSpecNames(t, b, "meetings-list-request")
	}
	for _, b := range specBodies(t, api.requestsTo("/meetings.count")) {
		checkMeetingSpecNames(t, b, "meetings-count-request")
	}
}

// From an account's name to its completed meetings, as a report would
// chain them; a meeting by display id (any case) and by DON id; the count
// of all meetings is the count of the engagements of type meeting (one
// source of truth in the local API).
func TestAccMeetings_accountChainGetAndCount(t *testing.T) {
	api := startAPI(t, meetingsOpts)
	ms := localapi.Items[localapi.Meeting](api.Server, "meetings")
	var acme []knownvalue.Check
	for _, m := range ms {
		if orgIs(m.Parent, "ACC-1") && m.State == "completed" {
			acme = append(acme, knownvalue.StringExact(m.ID))
		}
	}
	if len(acme) == 0 {
		t.Fatal("the data has no completed meeting of Acme Corp")
	}
	first := ms[slices.IndexFunc(ms, func(m localapi.Meeting) bool { return m.State == "completed" && len(m.Tags) > 0 })]
	other := ms[slices.IndexFunc(ms, func(m localapi.Meeting) bool { return m.State != "completed" && m.ScheduledDate == "" })]
	byDisplay := "data.devrev_meeting.by_display"
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.devrev_meetings.acme_completed", tfjsonpath.New("ids"), knownvalue.ListExact(acme)),
		statecheck.ExpectKnownValue("data.devrev_meetings_count.acme_completed", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(acme)))),
		statecheck.ExpectKnownValue("data.devrev_meetings_count.all", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(ms)))),
		statecheck.ExpectKnownValue("data.devrev_engagements_count.meetings", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(ms)))),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("id"), knownvalue.StringExact(first.ID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("display_id"), knownvalue.StringExact(first.DisplayID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("title"), knownvalue.StringExact(first.Title)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("state"), knownvalue.StringExact("completed")),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("channel"), knownvalue.StringExact(first.Channel)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("scheduled_date"), knownvalue.StringExact(first.ScheduledDate)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("ended_date"), knownvalue.StringExact(first.EndedDate)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("organizer_id"), knownvalue.StringExact(first.Organizer.ID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("users").AtMapKey(first.Organizer.ID).AtMapKey("display_id"), knownvalue.StringExact(first.Organizer.DisplayID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("member_ids"), knownvalue.ListSizeExact(len(first.Members))),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("parent_id"), knownvalue.StringExact(first.Parent.ID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("parents").AtMapKey(first.Parent.ID).AtMapKey("display_id"), knownvalue.StringExact(first.Parent.DisplayID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("tag").AtMapKey("display_id"), knownvalue.StringExact(first.Tags[0].Tag.DisplayID)),
		statecheck.ExpectKnownValue("data.devrev_meeting.by_don", tfjsonpath.New("display_id"), knownvalue.StringExact(other.DisplayID)),
		statecheck.ExpectKnownValue("data.devrev_meeting.by_don", tfjsonpath.New("state"), knownvalue.StringExact(other.State)),
		statecheck.ExpectKnownValue("data.devrev_meeting.by_don", tfjsonpath.New("scheduled_date"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.devrev_meeting.by_don", tfjsonpath.New("ended_date"), knownvalue.Null()),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_accounts" "acme" { display_name = ["Acme Corp"] }
data "devrev_meetings" "acme_completed" {
  parent = data.devrev_accounts.acme.ids
  state  = ["completed"]
}
data "devrev_meetings_count" "acme_completed" {
  parent = data.devrev_accounts.acme.ids
  state  = ["completed"]
}
data "devrev_meetings_count" "all" {}
data "devrev_engagements_count" "meetings" { type = ["meeting"] }
data "devrev_meeting" "by_display" { id = "` + strings.ToLower(first.DisplayID) + `" }
data "devrev_meeting" "by_don" { id = "` + other.ID + `" }
`,
			ConfigStateChecks: checks,
		}},
	})
}

// Plan-time validation names the argument and says what it takes, and no
// request reaches DevRev; an unknown meeting is an error naming the id.
func TestAccMeetings_validationAndNotFound(t *testing.T) {
	api := startAPI(t, meetingsOpts)
	steps := []resource.TestStep{}
	for _, tt := range []struct{ config, want string }{
		{`data "devrev_meetings" "x" { state = ["done"] }`, `value must be one of`},
		{`data "devrev_meetings" "x" { channel = ["skype"] }`, `value must be one of`},
		{`data "devrev_meetings_count" "x" { direction = ["inbound"] }`, `value must be one of`},
		{`data "devrev_meetings" "x" { ended_date = { before = "tomorrow" } }`, `must be an RFC 3339 timestamp`},
		{`data "devrev_meetings_count" "x" { scheduled_date = { after = "2024-13-01" } }`, `must be an RFC 3339 timestamp`},
		{`data "devrev_meeting" "x" { id = "" }`, `id string length must be at least 1`},
	} {
		steps = append(steps, resource.TestStep{Config: api.providerBlock() + tt.config, PlanOnly: true, ExpectError: errorLike(tt.want)})
	}
	steps = append(steps, resource.TestStep{
		Config:      api.providerBlock() + `data "devrev_meeting" "x" { id = "MEET-99999" }`,
		ExpectError: errorLike("DevRev meeting not found", `No meeting has the id "MEET-99999"`, "HTTP 404"),
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.requestsTo("/meetings.list")) + len(api.requestsTo("/meetings.count")); n != 0 {
		t.Errorf("invalid configurations sent %d requests", n)
	}
}
