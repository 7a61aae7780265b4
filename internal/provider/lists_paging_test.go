package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	key, path string // the list in the state, and the endpoint
	answer    string // the list in the response: key, unless DevRev's name says nothing (custom-objects.list's "result")
	typ       tftypes.Object
	opts      localapi.Options // 230 items
}

// listsData holds every list data source the provider serves, derived
// from its declaration (listDataOf), so that a list added later is in every
// test that ranges over it.
var listsData = func() map[string]listData {
	out := map[string]listData{}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		if l, ok := newDataSource().(interface {
			listData(map[string]localapi.Options) (string, listData)
		}); ok {
			name, d := l.listData(listsOptions)
			out[name] = d
		}
	}
	return out
}()

// listsOptions are the local API's options for the lists whose 230 items
// are not simply 230 of their kind.
var listsOptions = map[string]localapi.Options{
	// The meetings are those of the engagements of type meeting: the first
	// 2,261 engagements of seed 2 hold 230.
	"devrev_meetings": {Seed: 2, Counts: map[string]int{"engagements": 2261}},
	// GRP-5 is the default group "Everyone": every dev user.
	"devrev_group_members": {Seed: 2, Counts: map[string]int{"engagements": 20, "dev-users": 230}},
	// Each account has a rev org of its own.
	"devrev_rev_orgs": {Seed: 2, Counts: map[string]int{"engagements": 20, "accounts": 200, "rev-orgs": 230}},
	// A tracker follows each ticket and issue: 600 works hold more than
	// 230 of them.
	"devrev_sla_trackers": {Seed: 2, Counts: map[string]int{"engagements": 20, "works": 600, "sla-trackers": 230}},
	// The leaf types take turns: 460 objects hold 230 campaigns.
	"devrev_custom_objects": {Seed: 2, Counts: map[string]int{"engagements": 20, "custom-objects": 460}},
}

// listData is d's list as the local API serves it: 230 of its kind (the
// list's path without "/" and ".list"), unless listsOptions says more.
func (d *listDataSource[F, R, T]) listData(special map[string]localapi.Options) (string, listData) {
	s := d.spec
	opts, ok := special[s.typeName]
	if !ok {
		kind := strings.TrimSuffix(strings.TrimPrefix(s.api.ListPath, "/"), ".list")
		opts = localapi.Options{Seed: 2, Counts: map[string]int{"engagements": 20, kind: 230}}
	}
	return s.typeName, listData{key: s.items, answer: s.api.Items, path: s.api.ListPath, typ: s.object.typ, opts: opts}
}

// listsRequired are the arguments a list data source requires, as every
// block of the shared tests sets them (hcl) and as the request body holds
// them (body, for served): devrev_group_members lists one group's,
// devrev_custom_objects one leaf type's.
var listsRequired = map[string]struct {
	hcl  string
	body map[string]any
}{
	"devrev_group_members":  {`group = "GRP-5"`, map[string]any{"group": "GRP-5"}},
	"devrev_custom_objects": {`leaf_type = "campaign"`, map[string]any{"leaf_type": "campaign"}},
}

// eachList runs f as a subtest for every list data source the provider
// serves, named by its type name:
// a list added later is tested by every test that uses it.
func eachList(t *testing.T, f func(t *testing.T, typeName string)) {
	t.Helper()
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		if _, ok := ds.(interface{ longTextNames() []string }); !ok { // a list's method
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
	skipWithoutCLI(t, "TestEveryListPages")
	eachList(t, func(t *testing.T, typeName string) {
		d, ok := listsData[typeName]
		if !ok {
			t.Fatalf("listsData has no entry for %s", typeName)
		}
		api := startAPI(t, d.opts)
		req := listsRequired[typeName]
		all := served(t, d.opts, d.path, d.answer, req.body)
		if len(all) != 230 {
			t.Fatalf("the local API served %d items", len(all))
		}
		addr := func(name string) string { return "data." + typeName + "." + name }
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: factories(nil),
			Steps: []resource.TestStep{{
				Config: api.providerBlock() + fmt.Sprintf(`
data %[1]q "all" {
  %[2]s
}
data %[1]q "first" {
  %[2]s
  limit     = 90
  page_size = 40
}
data %[1]q "rest" {
  %[2]s
  cursor = data.%[1]s.first.next_cursor
}
data %[1]q "back" {
  %[2]s
  mode   = "before"
  cursor = data.%[1]s.rest.prev_cursor
  limit  = 30
}
data %[1]q "last" {
  %[2]s
  mode      = "before"
  limit     = 50
  page_size = 45
}
`, typeName, req.hcl),
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
