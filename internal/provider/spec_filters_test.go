package provider

import (
	"maps"
	"math/big"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// Every argument of every data source, set on its own, sends requests
// whose every field, nested ones by their dotted path (ticket.severity,
// stage.name, created_date.after), is in the spec's schema of that
// request's body, in-process. New data sources and filters enrol by
// themselves.
func TestEveryArgumentSendsOnlyTheSpecsFields(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 20, "works": 20}})
	p := newInProcess(t, api.URL)
	spec := openapi.Trimmed()
	checked := 0
	for _, typeName := range slices.Sorted(maps.Keys(p.schemas)) {
		for _, attr := range p.schemas[typeName].Block.Attributes {
			if !attr.Optional && !attr.Required || slices.Contains(selectionArguments, attr.Name) {
				continue
			}
			value, ok := probeValue(attr.ValueType())
			if !ok {
				t.Errorf("%s.%s: no probe for its type %s; teach probeValue", typeName, attr.Name, attr.ValueType())
				continue
			}
			t.Run(typeName+"."+attr.Name, func(t *testing.T) {
				api.ResetRequests()
				set := map[string]tftypes.Value{attr.Name: value}
				for _, other := range p.schemas[typeName].Block.Attributes {
					if other.Required && other.Name != attr.Name {
						set[other.Name], _ = probeValue(other.ValueType())
					}
				}
				// The local API may refuse a probe (an enum, an unknown
				// id): the request was sent all the same, which is what is
				// checked.
				_, _ = p.read(t, typeName, set)
				reqs := api.Requests()
				if len(reqs) == 0 {
					t.Skipf("%s = %s sends no request (it matches nothing, or is refused before sending)", attr.Name, value)
				}
				checked++
				expectSpecBodies(t, spec, attr.Name, reqs)
			})
		}
	}
	if checked == 0 {
		t.Fatal("no argument sent a request")
	}
}

// expectSpecBodies fails t unless every field of every request's body,
// nested ones by their dotted path, is in the spec's schema of that
// request's body; what names the argument that sent them.
func expectSpecBodies(t *testing.T, spec openapi.Spec, what string, reqs []localapi.Request) {
	t.Helper()
	for i, body := range specBodies(t, reqs) {
		schema, ok := spec.RequestSchema(reqs[i].Path)
		if !ok {
			t.Errorf("%s sends a request to %s, which the spec (as trimmed for the client's endpoints) does not have", what, reqs[i].Path)
			continue
		}
		for _, dotted := range bodyPaths(spec, schema, "", body) {
			if _, err := spec.Property(schema, dotted); err != nil {
				t.Errorf("%s sends %s to %s: %v (body %s)", what, dotted, reqs[i].Path, err, reqs[i].Body)
			}
		}
	}
}

// bodyPaths lists the dotted paths of body's fields: a JSON object is
// entered where the spec gives its properties (a filter such as
// works-filter-ticket), and is a field of its own where the spec's object
// is free-form (custom_fields) or absent (then the check names it).
func bodyPaths(spec openapi.Spec, schema, prefix string, body map[string]any) []string {
	var out []string
	for k, v := range body {
		dotted := prefix + k
		out = append(out, dotted)
		inner, isObject := v.(map[string]any)
		if !isObject {
			continue
		}
		if node, err := spec.Property(schema, dotted); err == nil && hasProperties(spec, node) {
			out = append(out, bodyPaths(spec, schema, dotted+".", inner)...)
		}
	}
	sort.Strings(out)
	return out
}

// hasProperties reports whether a schema names its properties, itself or
// through allOf and oneOf.
func hasProperties(spec openapi.Spec, node map[string]any) bool {
	if _, ok := node["properties"]; ok {
		return true
	}
	_, all := node["allOf"]
	_, one := node["oneOf"]
	return all || one
}

// probeValue is a value of typ that a filter sends: a one-element set, true,
// 1, a probe string, or an object with its first attribute set (a date
// range's after, given as an RFC 3339 instant so that every kind of range
// takes it).
// customFieldsProbe is a value of the custom fields filter: the field
// tnt__probe, one of whose values is value.
func customFieldsProbe(value string) tftypes.Value {
	values := tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String}}
	return tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tnt__probe": values}},
		map[string]tftypes.Value{"tnt__probe": tftypes.NewValue(values, []tftypes.Value{tftypes.NewValue(tftypes.String, value)})})
}

func probeValue(typ tftypes.Type) (tftypes.Value, bool) {
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(tftypes.String, "probe"), true
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(tftypes.Bool, true), true
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(tftypes.Number, big.NewFloat(1)), true
	case typ.Is(tftypes.DynamicPseudoType): // custom_field_values
		return customFieldsProbe("probe"), true
	case typ.Is(tftypes.Set{}), typ.Is(tftypes.List{}):
		var elem tftypes.Type
		if s, ok := typ.(tftypes.Set); ok {
			elem = s.ElementType
		} else {
			elem = typ.(tftypes.List).ElementType //nolint:forcetypeassert // checked by Is above
		}
		v, ok := probeValue(elem)
		if !ok {
			return tftypes.Value{}, false
		}
		return tftypes.NewValue(typ, []tftypes.Value{v}), true
	case typ.Is(tftypes.Object{}):
		obj := typ.(tftypes.Object) //nolint:forcetypeassert // checked by Is above
		names := slices.Sorted(func(yield func(string) bool) {
			for n := range obj.AttributeTypes {
				if !yield(n) {
					return
				}
			}
		})
		attrs := map[string]tftypes.Value{}
		for i, n := range names {
			at := obj.AttributeTypes[n]
			attrs[n] = tftypes.NewValue(at, nil)
			if i == 0 && at.Is(tftypes.String) {
				attrs[n] = tftypes.NewValue(at, "2024-01-01T00:00:00Z")
			} else if i == 0 {
				v, ok := probeValue(at)
				if !ok {
					return tftypes.Value{}, false
				}
				attrs[n] = v
			}
		}
		return tftypes.NewValue(typ, attrs), true
	}
	return tftypes.Value{}, false
}
