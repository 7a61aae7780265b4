package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// listData is what the local API serves for one list data source.
type listData struct {
	key, path string // the list in the response, and the endpoint
	typ       tftypes.Object
	opts      localapi.Options // 230 items
}

// listsData holds every list data source the provider serves;
// TestAccLists_paging fails for one that is missing here.
var listsData = map[string]listData{
	"devrev_engagements": {"engagements", "/engagements.list", engagementObject.typ, localapi.Options{Count: 230, Seed: 2}},
	"devrev_accounts":    {"accounts", "/accounts.list", accountObject.typ, localapi.Options{Count: 20, AccountCount: 230, Seed: 2}},
	"devrev_dev_users":   {"dev_users", "/dev-users.list", devUserObject.typ, localapi.Options{Count: 20, DevUserCount: 230, Seed: 2}},
	"devrev_works":       {"works", "/works.list", workObject.typ, localapi.Options{Count: 20, WorkCount: 230, Seed: 2}},
	"devrev_rev_orgs":    {"rev_orgs", "/rev-orgs.list", revOrgObject.typ, localapi.Options{Count: 20, AccountCount: 200, RevOrgCount: 230, Seed: 2}},
	"devrev_rev_users":   {"rev_users", "/rev-users.list", revUserObject.typ, localapi.Options{Count: 20, RevUserCount: 230, Seed: 2}},
}

// eachList runs f as a subtest for every list data source the provider
// serves (those read by the protocol-level path), named by its type name:
// a list added later is tested by every test that uses it.
func eachList(t *testing.T, f func(t *testing.T, typeName string)) {
	t.Helper()
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		if _, ok := ds.(protocolReader); !ok {
			continue
		}
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		t.Run(md.TypeName, func(t *testing.T) { f(t, md.TypeName) })
	}
}

// The paging every list data source shares, run on each: limit across
// pages of page_size, continuing from next_cursor, reading backward from
// prev_cursor and from the end, every attribute of every item as served,
// and the last request asking only for what limit still needs.
func TestAccLists_paging(t *testing.T) {
	eachList(t, func(t *testing.T, typeName string) {
		d, ok := listsData[typeName]
		if !ok {
			t.Fatalf("listsData has no entry for %s", typeName)
		}
		api := startAPI(t, d.opts)
		all := served(t, d.opts, d.path, d.key)
		if len(all) != 230 {
			t.Fatalf("the local API served %d items", len(all))
		}
		addr := func(name string) string { return "data." + typeName + "." + name }
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: factories(nil),
			Steps: []resource.TestStep{{
				Config: api.providerBlock() + fmt.Sprintf(`
data %[1]q "all" {}
data %[1]q "first" {
  limit     = 90
  page_size = 40
}
data %[1]q "rest" { cursor = data.%[1]s.first.next_cursor }
data %[1]q "back" {
  mode   = "before"
  cursor = data.%[1]s.rest.prev_cursor
  limit  = 30
}
data %[1]q "last" {
  mode      = "before"
  limit     = 50
  page_size = 45
}
`, typeName),
				ConfigStateChecks: slices.Concat(
					expectItems(addr("all"), d.key, all, d.typ),
					expectItems(addr("first"), d.key, all[:90], d.typ),
					expectItems(addr("rest"), d.key, all[90:], d.typ),
					expectItems(addr("back"), d.key, all[60:90], d.typ),
					expectItems(addr("last"), d.key, all[180:], d.typ),
					[]statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr("all"), tfjsonpath.New("next_cursor"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr("all"), tfjsonpath.New("prev_cursor"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr("first"), tfjsonpath.New("next_cursor"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(addr("first"), tfjsonpath.New("prev_cursor"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr("rest"), tfjsonpath.New("next_cursor"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr("last"), tfjsonpath.New("prev_cursor"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(addr("last"), tfjsonpath.New("next_cursor"), knownvalue.Null()),
					},
				),
			}},
		})
		var forward, backward []int
		for _, b := range specBodies(t, api.requestsTo(d.path)) {
			limit, _ := b["limit"].(float64)
			switch {
			case b["mode"] == nil && (limit == 40 || limit == 10):
				forward = append(forward, int(limit))
			case b["mode"] == "before" && (limit == 45 || limit == 5):
				backward = append(backward, int(limit))
			}
		}
		if !repeats(forward, []int{40, 40, 10}) || !repeats(backward, []int{45, 5}) {
			t.Errorf("limited reads: forward limits %v, want [40 40 10]; backward %v, want [45 5]", forward, backward)
		}
	})
}
