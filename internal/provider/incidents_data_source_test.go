package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// From a part's name to its incidents at one stage, as a report would chain
// them; an incident by display id (any case) and by DON id, with its
// severity, stage and dates as served.
func TestAccIncidents_partChainAndGet(t *testing.T) {
	api := startAPI(t, incidentsOpts)
	incs := localapi.Items[localapi.Incident](api.Server, "incidents")
	var billing []knownvalue.Check
	for _, i := range incs {
		if i.AppliesToParts[0].Name == "Billing" && i.Stage.Stage.Name == "resolved" {
			billing = append(billing, knownvalue.StringExact(i.ID))
		}
	}
	if len(billing) == 0 {
		t.Fatal("the data has no resolved incident of Billing")
	}
	resolved := stageID(t, incs, "resolved")
	first := incs[slices.IndexFunc(incs, func(i localapi.Incident) bool { return i.MitigatedDate != "" && i.Impact != nil })]
	open := incs[slices.IndexFunc(incs, func(i localapi.Incident) bool { return i.Stage.Stage.Name == "identified" })]
	byDisplay := "data.devrev_incident.by_display"
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.devrev_incidents.billing_resolved", tfjsonpath.New("ids"), knownvalue.ListExact(billing)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("id"), knownvalue.StringExact(first.ID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("title"), knownvalue.StringExact(first.Title)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("severity").AtMapKey("id"), knownvalue.Int64Exact(first.Severity.ID)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("severity").AtMapKey("label"), knownvalue.StringExact(first.Severity.Label)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("stage").AtMapKey("stage").AtMapKey("name"), knownvalue.StringExact(first.Stage.Stage.Name)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("stage").AtMapKey("state").AtMapKey("name"), knownvalue.StringExact(first.Stage.State.Name)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("identified_date"), knownvalue.StringExact(first.IdentifiedDate)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("mitigated_date"), knownvalue.StringExact(first.MitigatedDate)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("impact").AtMapKey("count").AtMapKey("label"), knownvalue.StringExact(first.Impact.Count.Label)),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("applies_to_part_ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(first.AppliesToParts[0].ID)})),
		statecheck.ExpectKnownValue(byDisplay, tfjsonpath.New("parts").AtMapKey(first.AppliesToParts[0].ID).AtMapKey("name"), knownvalue.StringExact(first.AppliesToParts[0].Name)),
		statecheck.ExpectKnownValue("data.devrev_incident.by_don", tfjsonpath.New("display_id"), knownvalue.StringExact(open.DisplayID)),
		statecheck.ExpectKnownValue("data.devrev_incident.by_don", tfjsonpath.New("acknowledged_date"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.devrev_incident.by_don", tfjsonpath.New("mitigated_date"), knownvalue.Null()),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_parts" "billing" { name = ["Billing"] }
data "devrev_incidents" "billing_resolved" {
  applies_to_parts = data.devrev_parts.billing.ids
  stage            = ["` + resolved + `"]
}
data "devrev_incident" "by_display" { id = "` + strings.ToLower(first.DisplayID) + `" }
data "devrev_incident" "by_don" { id = "` + open.ID + `" }
`,
			ConfigStateChecks: checks,
		}},
	})
}

// stageID is the id of the stage of that name.
func stageID(t *testing.T, incs []localapi.Incident, name string) string {
	t.Helper()
	for _, i := range incs {
		if i.Stage.Stage.Name == name {
			return i.Stage.Stage.ID
		}
	}
	t.Fatalf("no incident is %s", name)
	return ""
}

// Plan-time validation names the argument and says what it takes, and no
// request reaches DevRev; an unknown incident is an error naming the id.
func TestAccIncidents_validationAndNotFound(t *testing.T) {
	api := startAPI(t, incidentsOpts)
	steps := []resource.TestStep{}
	for _, tt := range []struct{ config, want string }{
		{`data "devrev_incidents" "x" { mitigated_date = { before = "tomorrow" } }`, `must be an RFC 3339 timestamp`},
		{`data "devrev_incidents" "x" { severity = ["high"] }`, `a number is required`},
		{`data "devrev_incident" "x" { id = "" }`, `id string length must be at least 1`},
	} {
		steps = append(steps, resource.TestStep{Config: api.providerBlock() + tt.config, PlanOnly: true, ExpectError: errorLike(tt.want)})
	}
	steps = append(steps, resource.TestStep{
		Config:      api.providerBlock() + `data "devrev_incident" "x" { id = "INC-99999" }`,
		ExpectError: errorLike("DevRev incident not found", `No incident has the id "INC-99999"`, "HTTP 404"),
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.requestsTo("/incidents.list")); n != 0 {
		t.Errorf("invalid configurations sent %d requests", n)
	}
}
