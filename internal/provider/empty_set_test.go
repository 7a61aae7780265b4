package provider

import (
	"math/big"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Every set argument of every data source follows the empty-set rule: an
// empty set selects nothing, so the read succeeds with nothing (an empty
// list, a count of 0) and DevRev is not asked. The arguments are found in
// the schemas Terraform is told, so a filter added later is checked too,
// and one whose rule is lost (a set field the client's empty-set check
// does not see) fails here.
func TestEveryEmptySetFilterSelectsNothing(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 40}})
	p := newInProcess(t, api.URL)
	names := make([]string, 0, len(p.schemas))
	for name := range p.schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	checked := 0
	for _, typeName := range names {
		typ := p.configType(t, typeName)
		for _, attr := range p.schemas[typeName].Block.Attributes {
			// The selection's are the set arguments that are no filter:
			// they shape the state, not the request.
			if !attr.Optional || !attr.ValueType().Is(tftypes.Set{}) || slices.Contains(selectionArguments, attr.Name) {
				continue
			}
			checked++
			t.Run(typeName+"."+attr.Name, func(t *testing.T) {
				// Unset, the same read asks DevRev and finds something:
				// the empty set below is what makes the difference.
				api.ResetRequests()
				state, diags := p.read(t, typeName, nil)
				if state == nil || len(api.Requests()) == 0 || isEmptyResult(state) {
					t.Fatalf("unfiltered read: %d requests, diagnostics %v", len(api.Requests()), diags)
				}
				api.ResetRequests()
				empty := tftypes.NewValue(typ.AttributeTypes[attr.Name], []tftypes.Value{})
				state, diags = p.read(t, typeName, map[string]tftypes.Value{attr.Name: empty})
				if state == nil {
					t.Fatalf("read failed: %v", diags)
				}
				if n := len(api.Requests()); n != 0 {
					t.Errorf("an empty %s sent %d requests to DevRev, want none", attr.Name, n)
				}
				if !isEmptyResult(state) {
					t.Errorf("an empty %s selected something", attr.Name)
				}
			})
		}
	}
	if checked == 0 {
		t.Fatal("found no set arguments to check")
	}
}

// isEmptyResult reports whether a state holds no items: its ids list is
// empty, or its total is 0.
func isEmptyResult(state map[string]tftypes.Value) bool {
	if ids, ok := state["ids"]; ok {
		var elems []tftypes.Value
		_ = ids.As(&elems)
		return len(elems) == 0
	}
	var total big.Float
	_ = state["total"].As(&total)
	return total.Sign() == 0
}
