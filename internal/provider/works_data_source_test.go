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

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Every works filter through the CLI: one devrev_works and one
// devrev_works_count per filter, each selecting exactly the works the
// local API's data says (the request bodies are checked in-process by
// TestWorksFiltersReachTheSpecAndSelect; here they are checked again, as
// the CLI's plan sent them). The API ignores the date filters, as DevRev
// does for some organizations, so the dates are the provider's to make
// exact.
func TestAccWorks_everyFilter(t *testing.T) {
	opts := worksOpts
	opts.IgnoreDateFilters = []string{"works"}
	api := startAPI(t, opts)
	works := localapi.Items[localapi.Work](api.Server, "works")
	cases := workFilterCases(works)
	var config strings.Builder
	var checks []statecheck.StateCheck
	for _, c := range cases {
		fmt.Fprintf(&config, "data \"devrev_works\" %q { %s = %s }\n", c.attr, c.attr, c.hcl())
		fmt.Fprintf(&config, "data \"devrev_works_count\" %q { %s = %s }\n", c.attr, c.attr, c.hcl())
		want := c.expectedIDs(works)
		ids := make([]knownvalue.Check, len(want))
		for i, id := range want {
			ids[i] = knownvalue.StringExact(id)
		}
		checks = append(checks,
			statecheck.ExpectKnownValue("data.devrev_works."+c.attr, tfjsonpath.New("ids"), knownvalue.ListExact(ids)),
			statecheck.ExpectKnownValue("data.devrev_works_count."+c.attr, tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(want)))),
			statecheck.ExpectKnownValue("data.devrev_works_count."+c.attr, tfjsonpath.New("has_more"), knownvalue.Bool(false)))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: api.providerBlock() + config.String(), ConfigStateChecks: checks}},
	})
	bodies := specBodies(t, api.requestsTo("/works.list"))
	for _, c := range cases {
		found := slices.ContainsFunc(bodies, func(b map[string]any) bool { return at(b, c.body) != nil })
		if !found {
			t.Errorf("no works.list request carried %s", strings.Join(c.body, "."))
		}
	}
	for _, b := range bodies {
		checkSpecNames(t, b, "")
	}
}

// From an account's name to its open tickets, by severity, as a report
// would chain them; a work by display id and by DON id; the capped count.
func TestAccWorks_accountChainGetAndCappedCount(t *testing.T) {
	opts := worksOpts
	opts.CountCaps = map[string]int{"works": 30}
	api := startAPI(t, opts)
	works := localapi.Items[localapi.Work](api.Server, "works")
	open := map[string][]string{} // severity -> ids of Acme's open tickets
	for _, w := range works {
		if w.Type == "ticket" && orgIs(w.Account, "ACC-1") && w.Stage.State.Name == "open" {
			open[w.Severity] = append(open[w.Severity], w.ID)
		}
	}
	var checks []statecheck.StateCheck
	bySeverity := ""
	for _, sev := range devrev.TicketSeverities {
		if len(open[sev]) == 0 {
			t.Fatalf("the data has no open %s ticket of Acme Corp", sev)
		}
		ids := make([]knownvalue.Check, len(open[sev]))
		for i, id := range open[sev] {
			ids[i] = knownvalue.StringExact(id)
		}
		checks = append(checks, statecheck.ExpectKnownValue("data.devrev_works.acme_open_"+sev,
			tfjsonpath.New("ids"), knownvalue.ListExact(ids)))
		bySeverity += fmt.Sprintf(`
data "devrev_works" "acme_open_%[1]s" {
  type            = ["ticket"]
  state           = ["open"]
  ticket_account  = data.devrev_accounts.acme.ids
  ticket_severity = [%[1]q]
}
`, sev)
	}
	checks = append(checks, statecheck.ExpectKnownValue("data.devrev_works_count.acme_open",
		tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(slices.Concat(open["blocker"], open["high"], open["medium"], open["low"]))))))
	ticket, issue := works[0], works[slices.IndexFunc(works, func(w localapi.Work) bool { return w.Type == "issue" })]
	checks = append(checks,
		statecheck.ExpectKnownValue("data.devrev_work.by_display", tfjsonpath.New("id"), knownvalue.StringExact(ticket.ID)),
		statecheck.ExpectKnownValue("data.devrev_work.by_display", tfjsonpath.New("severity"), knownvalue.StringExact(ticket.Severity)),
		statecheck.ExpectKnownValue("data.devrev_work.by_display", tfjsonpath.New("priority"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.devrev_work.by_don", tfjsonpath.New("display_id"), knownvalue.StringExact(issue.DisplayID)),
		statecheck.ExpectKnownValue("data.devrev_work.by_don", tfjsonpath.New("priority"), knownvalue.StringExact(issue.Priority)),
		statecheck.ExpectKnownValue("data.devrev_work.by_don", tfjsonpath.New("severity"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.devrev_works_count.all", tfjsonpath.New("total"), knownvalue.Int64Exact(30)),
		statecheck.ExpectKnownValue("data.devrev_works_count.all", tfjsonpath.New("has_more"), knownvalue.Bool(true)),
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_accounts" "acme" { display_name = ["Acme Corp"] }
data "devrev_works_count" "acme_open" {
  type           = ["ticket"]
  state          = ["open"]
  ticket_account = data.devrev_accounts.acme.ids
}
` + bySeverity + `
data "devrev_work" "by_display" { id = "` + strings.ToLower(ticket.DisplayID) + `" }
data "devrev_work" "by_don" { id = "` + issue.ID + `" }
data "devrev_works_count" "all" {}
`,
			ConfigStateChecks: checks,
		}},
	})
}

// Plan-time validation names the argument and says what it takes; no
// request reaches DevRev.
func TestAccWorks_validation(t *testing.T) {
	api := startAPI(t, worksOpts)
	steps := []resource.TestStep{}
	for _, tt := range []struct {
		config string
		want   []string
	}{
		{`data "devrev_works" "x" { type = ["bug"] }`, []string{`value must be one of`}},
		{`data "devrev_works" "x" { ticket_severity = ["urgent"] }`, []string{`value must be one of`}},
		{`data "devrev_works_count" "x" { issue_priority = ["P0"] }`, []string{`value must be one of`}},
		{`data "devrev_works" "x" { sort_by = ["-created_date"] }`, []string{`must be a field name followed by :asc or :desc`}},
		{`data "devrev_works" "x" { created_date = { after = "yesterday" } }`, []string{`must be an RFC 3339 timestamp`}},
		{`data "devrev_works" "x" { page_size = 101 }`, []string{`page_size value must be between 1 and 100`}},
		{`data "devrev_work" "x" { id = "" }`, []string{`id string length must be at least 1`}},
		// The custom fields filter names the argument and what is wrong.
		{`data "devrev_works" "x" { custom_field_values = { tnt__region = "EMEA" } }`, []string{`Invalid custom_field_values`, `tnt__region must be a list of values`}},
		{`data "devrev_works_count" "x" { custom_field_values = ["EMEA"] }`, []string{`must be an object from a custom field's name`}},
		{`data "devrev_works" "x" { custom_field_values = { tnt__region = [["EMEA"]] } }`, []string{`each value must be a string, a number or a bool`}},
	} {
		steps = append(steps, resource.TestStep{Config: api.providerBlock() + tt.config, PlanOnly: true, ExpectError: errorLike(tt.want...)})
	}
	steps = append(steps, resource.TestStep{
		Config:      api.providerBlock() + `data "devrev_work" "x" { id = "TKT-99999" }`,
		ExpectError: errorLike("DevRev work not found", `No work has the id "TKT-99999"`, "HTTP 404"),
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.requestsTo("/works.list")) + len(api.requestsTo("/works.count")); n != 0 {
		t.Errorf("invalid configurations sent %d requests", n)
	}
}
