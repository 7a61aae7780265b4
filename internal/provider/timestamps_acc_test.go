package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Every form RFC 3339 allows passes the plan-time check, through the CLI,
// and bounds what the provider keeps exactly as the instant it names: a
// lower-case "t" and "z", and a leap second. The server here ignores the
// works' date filters (as DevRev does for some organizations), so the
// provider's own check of each work's date decides, with the same parser;
// what the server is sent is the form time.Parse reads, which the local API
// checks.
func TestAccTimestamps_everyRFC3339Form(t *testing.T) {
	work := func(n, created string) localapi.Work {
		return localapi.Work{ID: "don:core:dvrv-us-1:devo/0:ticket/" + n, DisplayID: "TKT-" + n, Type: "ticket", Title: "work " + n, CreatedDate: created}
	}
	api := startAPI(t, localapi.Options{
		Data: map[string]any{"works": []localapi.Work{
			work("1", "2023-12-31T23:59:59.999Z"), // before the after bound
			work("2", "2024-01-01T00:00:00Z"),     // the after bound itself
			work("3", "2024-06-30T23:59:59.5Z"),   // before the leap second
			work("4", "2024-07-01T00:00:00Z"),     // after it
		}},
		IgnoreDateFilters: []string{"works"},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_works" "lower_case_and_leap_second" {
  created_date = { after = "2024-01-01t00:00:00z", before = "2024-06-30T23:59:60z" }
}
data "devrev_accounts" "lower_case" {
  created_date = { after = "2020-01-01t00:00:00.5-05:00" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.devrev_works.lower_case_and_leap_second", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("don:core:dvrv-us-1:devo/0:ticket/2"), knownvalue.StringExact("don:core:dvrv-us-1:devo/0:ticket/3"),
				})),
			},
		}},
	})
}
