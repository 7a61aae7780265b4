package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// devrev_engagement reads one engagement by DON id or display id; either
// way, id ends up holding the DON id. A 429 on the way is retried.
func TestAccEngagement_byIDAndDisplayID(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Seed: 9,
		Faults: []localapi.Fault{
			{Kind: localapi.RateLimited, Path: "/engagements.get", Times: 1, RetryAfter: "2"},
		},
		Counts: map[string]int{"engagements": 40},
	})
	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
	byDON, byDisplay := all[3], all[17]
	w := &waits{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(w),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_engagement" "don" { id = "` + byDON.ID + `" }
data "devrev_engagement" "display" { id = "` + byDisplay.DisplayID + `" }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.devrev_engagement.don", tfjsonpath.New("id"), knownvalue.StringExact(byDON.ID)),
				statecheck.ExpectKnownValue("data.devrev_engagement.don", tfjsonpath.New("display_id"), knownvalue.StringExact(byDON.DisplayID)),
				statecheck.ExpectKnownValue("data.devrev_engagement.don", tfjsonpath.New("title"), str(byDON.Title)),
				statecheck.ExpectKnownValue("data.devrev_engagement.don", tfjsonpath.New("created_by_id"), knownvalue.StringExact(byDON.CreatedBy.ID)),
				statecheck.ExpectKnownValue("data.devrev_engagement.don", tfjsonpath.New("users").AtMapKey(byDON.CreatedBy.ID), expectUser(byDON.CreatedBy)),
				statecheck.ExpectKnownValue("data.devrev_engagement.display", tfjsonpath.New("id"), knownvalue.StringExact(byDisplay.ID)),
				statecheck.ExpectKnownValue("data.devrev_engagement.display", tfjsonpath.New("display_id"), knownvalue.StringExact(byDisplay.DisplayID)),
				statecheck.ExpectKnownValue("data.devrev_engagement.display", tfjsonpath.New("description"), str(byDisplay.Description)),
				statecheck.ExpectKnownValue("data.devrev_engagement.display", tfjsonpath.New("scheduled_date"), str(byDisplay.ScheduledDate)),
				statecheck.ExpectKnownValue("data.devrev_engagement.display", tfjsonpath.New("modified_by_id"), knownvalue.StringExact(byDisplay.ModifiedBy.ID)),
				statecheck.ExpectKnownValue("data.devrev_engagement.display", tfjsonpath.New("users").AtMapKey(byDisplay.ModifiedBy.ID), expectUser(byDisplay.ModifiedBy)),
			},
		}},
	})
	var asked []string
	for _, r := range api.Requests() {
		if r.Path == "/engagements.get" {
			asked = append(asked, string(r.Body))
		}
	}
	if len(asked) < 3 || !strings.Contains(strings.Join(asked, " "), byDisplay.DisplayID) {
		t.Errorf("engagements.get requests: %v", asked)
	}
	if got := w.all(); len(got) == 0 || got[0].Seconds() != 2 {
		t.Errorf("the 429's Retry-After of 2s was not honoured: waits %v", got)
	}
}

func TestAccEngagement_notFoundAndValidation(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 5}})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config:      api.providerBlock() + `data "devrev_engagement" "x" { id = "ENGM-999999" }`,
				ExpectError: errorLike("DevRev engagement not found", `No engagement has the id "ENGM-999999"`, "HTTP 404"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_engagement" "x" { id = "" }`,
				ExpectError: errorLike("id string length must be at least 1"),
			},
		},
	})
}

// devrev_engagements_count sends the list's filters to engagements.count
// and returns the number of matches, retrying a 429.
func TestAccEngagementsCount(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Seed: 21,
		Faults: []localapi.Fault{
			{Kind: localapi.RateLimited, Path: "/engagements.count", Times: 1, RetryAfter: "1"},
		},
		Counts: map[string]int{"engagements": 700},
	})
	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
	meetings := where(all, func(e localapi.Engagement) bool { return e.EngagementType == "meeting" })
	acc2Calls := where(all, func(e localapi.Engagement) bool {
		return e.EngagementType == "call" && (contains(e.Parents, "ACC-2"))
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config:      api.providerBlock() + `data "devrev_engagements_count" "bad" { type = ["fax"] }`,
				ExpectError: errorLike("type", "value must be one of", "fax"),
			},
			{
				Config: api.providerBlock() + `
data "devrev_engagements_count" "all" {}
data "devrev_engagements_count" "meetings" { type = ["meeting"] }
data "devrev_engagements_count" "acc2_calls" {
  type   = ["call"]
  parent = ["ACC-2"]
}
data "devrev_engagements_count" "none" { members = ["DEVU-nobody"] }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.devrev_engagements_count.all", tfjsonpath.New("total"), knownvalue.Int64Exact(700)),
					statecheck.ExpectKnownValue("data.devrev_engagements_count.meetings", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(meetings)))),
					statecheck.ExpectKnownValue("data.devrev_engagements_count.acc2_calls", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(acc2Calls)))),
					statecheck.ExpectKnownValue("data.devrev_engagements_count.acc2_calls", tfjsonpath.New("type"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("call")})),
					statecheck.ExpectKnownValue("data.devrev_engagements_count.none", tfjsonpath.New("total"), knownvalue.Int64Exact(0)),
				},
			},
		},
	})
	if len(meetings) == 0 || len(acc2Calls) == 0 {
		t.Fatalf("seed gives empty expectations: %d meetings, %d ACC-2 calls", len(meetings), len(acc2Calls))
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
