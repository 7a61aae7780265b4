package provider

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Through the CLI: a list's custom_fields holds, by id, exactly the custom
// fields the local API served (jsonencode of the state against the served
// JSON, numbers' digits included), is an empty object when no item has
// any, and is null when `attributes` leaves it out; a singular data source's holds its object's, and a number field
// is a number HCL computes with.
func TestAccCustomFields(t *testing.T) {
	api := startAPI(t, worksOpts)
	byID := map[string]json.RawMessage{}
	var ticket, score string
	for _, w := range served(t, worksOpts, "/works.list", "works") {
		m := w.(map[string]any)
		cf, ok := m["custom_fields"].(map[string]any)
		if !ok {
			continue
		}
		byID[m["id"].(string)], _ = json.Marshal(cf)
		if s, ok := cf["tnt__impact_score"].(float64); ok && ticket == "" && s != float64(int64(s)) {
			ticket, score = m["display_id"].(string), big.NewFloat(s+1).Text('g', -1)
		}
	}
	accounts := map[string]json.RawMessage{}
	for _, a := range served(t, worksOpts, "/accounts.list", "accounts") {
		m := a.(map[string]any)
		if cf, ok := m["custom_fields"].(map[string]any); ok {
			accounts[m["id"].(string)], _ = json.Marshal(cf)
		}
	}
	if ticket == "" || len(accounts) == 0 {
		t.Fatal("the seed has no ticket with a fractional impact score, or no account with custom fields")
	}
	// encoding/json sorts the keys, as jsonencode does.
	wantWorks, _ := json.Marshal(byID)
	wantAccounts, _ := json.Marshal(accounts)
	wantScore, _ := new(big.Float).SetString(score)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_works" "with" {
  attributes = ["title", "custom_fields"]
}
data "devrev_works" "without" {
  attributes = ["title"]
}
data "devrev_work" "one" {
  id = "` + ticket + `"
}
data "devrev_accounts" "all" {}
data "devrev_works" "tasks" {
  type = ["task"]
}
output "tasks"     { value = jsonencode(data.devrev_works.tasks.custom_fields) }
output "works"     { value = jsonencode(data.devrev_works.with.custom_fields) }
output "without"   { value = data.devrev_works.without.custom_fields == null }
output "one"       { value = jsonencode(data.devrev_work.one.custom_fields) }
output "plus_one"  { value = data.devrev_work.one.custom_fields.tnt__impact_score + 1 }
output "accounts"  { value = jsonencode(data.devrev_accounts.all.custom_fields) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("works", knownvalue.StringExact(string(wantWorks))),
				statecheck.ExpectKnownOutputValue("without", knownvalue.Bool(true)),
				// No task has custom fields: an empty object, not null.
				statecheck.ExpectKnownOutputValue("tasks", knownvalue.StringExact("{}")),
				statecheck.ExpectKnownOutputValue("one", knownvalue.StringExact(string(byID[servedIDOf(t, ticket)]))),
				statecheck.ExpectKnownOutputValue("plus_one", knownvalue.NumberExact(wantScore)),
				statecheck.ExpectKnownOutputValue("accounts", knownvalue.StringExact(string(wantAccounts))),
			},
		}},
	})
}

// servedIDOf is the DON id of the work whose display id is displayID.
func servedIDOf(t *testing.T, displayID string) string {
	t.Helper()
	for _, w := range served(t, worksOpts, "/works.list", "works") {
		if m := w.(map[string]any); m["display_id"] == displayID {
			return m["id"].(string)
		}
	}
	t.Fatalf("no work %s", displayID)
	return ""
}
