package provider

import (
	"math/big"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// customObjectsOpts is the data the custom object tests read: campaigns
// and assets, taking turns.
var customObjectsOpts = localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 20, "custom-objects": 41}}

// devrev_custom_objects sends its leaf type under the spec's `leaf_type`
// and lists exactly that leaf type's objects, in the API's order;
// devrev_custom_objects_count counts them with the same body; a leaf type
// without objects lists and counts none.
func TestCustomObjectsReachTheSpecAndSelect(t *testing.T) {
	api := startAPI(t, customObjectsOpts)
	p := newInProcess(t, api.URL)
	all := localapi.Items[localapi.CustomObject](api.Server, "custom-objects")
	for _, leafType := range []string{"campaign", "asset", "no_such_type"} {
		t.Run(leafType, func(t *testing.T) {
			var want []string
			for _, o := range all {
				if o.LeafType == leafType {
					want = append(want, o.ID)
				}
			}
			if leafType != "no_such_type" && (len(want) == 0 || len(want) == len(all)) {
				t.Fatalf("%s: %d of %d objects: the case cannot tell a working filter from a lost one", leafType, len(want), len(all))
			}
			args := map[string]tftypes.Value{"leaf_type": tftypes.NewValue(tftypes.String, leafType)}
			api.ResetRequests()
			state, diags := p.read(t, "devrev_custom_objects", args)
			if state == nil {
				t.Fatalf("read: %v", diags)
			}
			bodies := specBodies(t, api.requestsTo("/custom-objects.list"))
			if len(bodies) == 0 {
				t.Fatal("no custom-objects.list request")
			}
			for _, b := range bodies {
				checkBodyNames(t, b, "custom-objects-list-request")
				if b["leaf_type"] != leafType {
					t.Errorf("request body %v: want leaf_type %q", b, leafType)
				}
			}
			if got := stateIDs(t, state); !slices.Equal(got, want) {
				t.Errorf("listed %d objects %v, want %d %v", len(got), got, len(want), want)
			}

			api.ResetRequests()
			count, diags := p.read(t, "devrev_custom_objects_count", args)
			if count == nil {
				t.Fatalf("count: %v", diags)
			}
			counts := specBodies(t, api.requestsTo("/custom-objects.count"))
			if len(counts) != 1 || !reflect.DeepEqual(counts[0], map[string]any{"leaf_type": leafType}) {
				t.Errorf("count requests %v, want one with leaf_type %q", counts, leafType)
			}
			var total big.Float
			_ = count["total"].As(&total)
			if n, _ := total.Int64(); n != int64(len(want)) {
				t.Errorf("devrev_custom_objects_count: %d, want %d", n, len(want))
			}
		})
	}
}

// customObjectFilterCases are the leaf types of the served custom objects,
// each selecting its own objects and sent as `leaf_type`.
func customObjectFilterCases(api *testAPI) filterList[localapi.CustomObject] {
	var cases []listFilterCase[localapi.CustomObject]
	for _, leafType := range []string{"campaign", "asset"} {
		cases = append(cases, listFilterCase[localapi.CustomObject]{
			name: leafType, args: map[string]any{"leaf_type": leafType}, body: map[string]any{"leaf_type": leafType},
			keep: func(o *localapi.CustomObject) bool { return o.LeafType == leafType },
		})
	}
	return filterList[localapi.CustomObject]{
		typeName: "devrev_custom_objects", path: "/custom-objects.list", schemas: map[string]string{"": "custom-objects-list-request"},
		items: localapi.Items[localapi.CustomObject](api.Server, "custom-objects"),
		id:    func(o *localapi.CustomObject) string { return o.ID }, cases: cases,
	}
}

// The leaf types through the CLI, one data block each.
func TestAccCustomObjects_leafType(t *testing.T) {
	api := startAPI(t, customObjectsOpts)
	runCLIFilters(t, api, customObjectFilterCases(api))
}
