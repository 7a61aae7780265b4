package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// requestSchema names the spec's request schema of a list or count data
// source: devrev_dev_users reads dev-users-list-request, devrev_works_count
// works-count-request.
func requestSchema(typeName string) (path, schema string) {
	name := strings.TrimPrefix(typeName, "devrev_")
	verb := "list"
	if n, ok := strings.CutSuffix(name, "_count"); ok {
		name, verb = n, "count"
	}
	name = strings.ReplaceAll(name, "_", "-")
	return "/" + name + "." + verb, name + "-" + verb + "-request"
}

// filterProbe is a value of a filter argument of type typ that no default
// equals, and the text its request body must hold (empty: the requests
// must only differ from the unfiltered read's, as a flag's do).
func filterProbe(t *testing.T, name string, typ tftypes.Type) (tftypes.Value, string) {
	t.Helper()
	switch {
	case typ.Equal(tftypes.Set{ElementType: tftypes.Number}):
		// A set of whole numbers (articles' `scope`): sent as a JSON number.
		return tftypes.NewValue(typ, []tftypes.Value{tftypes.NewValue(tftypes.Number, 7)}), "[7]"
	case typ.Is(tftypes.Set{}) || typ.Is(tftypes.List{}):
		probe := "probe-" + strings.ReplaceAll(name, "_", "-")
		return tftypes.NewValue(typ, []tftypes.Value{tftypes.NewValue(tftypes.String, probe)}), `"` + probe + `"`
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, true), ""
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, 3), ""
	case typ.Is(tftypes.DynamicPseudoType):
		// The custom fields filter (custom_field_values): one field, one
		// value.
		probe := "probe-" + strings.ReplaceAll(name, "_", "-")
		return customFieldsProbe(probe), `"tnt__probe":["` + probe + `"]`
	case typ.Is(tftypes.Object{}):
		// A date range: a year. Where DevRev filters no dates (engagements)
		// the provider reads in date order and stops at the bounds, so the
		// requests change but need not hold the dates
		// (engagements_dates_test.go checks what is selected).
		const after, before = "2021-02-03T04:05:06Z", "2022-02-03T04:05:06Z"
		bounds := typ.(tftypes.Object).AttributeTypes //nolint:forcetypeassert // checked by Is
		if len(bounds) != 2 || !bounds["after"].Is(tftypes.String) || !bounds["before"].Is(tftypes.String) {
			t.Fatalf("%s is a %s: the probe knows only date ranges of after and before", name, typ)
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{
			"after": tftypes.NewValue(tftypes.String, after), "before": tftypes.NewValue(tftypes.String, before),
		}), ""
	}
	t.Fatalf("%s is a %s: no probe for this kind of filter", name, typ)
	return tftypes.Value{}, ""
}

// Every filter of every list and count data source reaches the request
// body, in-process: a probe value given to the filter changes the
// requests (a set's value appears in a body), and every top-level field of
// every body to the data source's endpoint is one the spec's request
// schema has. A date range that the spec has no filter for and that the
// client applies itself (conversations' created_date, on a list it cannot
// sort) leaves the requests as they are: it must change the result
// instead, so that a filter dropped on the way still fails. (Nested
// names, such as works' ticket.severity, and what each filter selects are
// checked by the data source's own filter test.)
func TestEveryFilterReachesTheRequestBody(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 20, "works": 20}})
	p := newInProcess(t, api.URL)
	paging := map[string]bool{}
	for _, a := range pagingArgs("items", "items", "sorted") {
		paging[a.name] = true
	}
	checked := map[string]int{}
	for typeName, s := range p.schemas {
		path, _ := requestSchema(typeName)
		required := listArgsOf(typeName)
		// bodies are the requests of one read, each its path and body, one
		// a line.
		// result is what a read gave: a list's ids, a count's total.
		bodies := func(t *testing.T, set map[string]tftypes.Value) (requests string, result tftypes.Value) {
			t.Helper()
			api.ResetRequests()
			// The local API may refuse the probe (an enum): the request
			// was sent all the same, which is what is checked.
			state, _ := p.read(t, typeName, with(required, set))
			var all []string
			for _, r := range api.Requests() {
				all = append(all, r.Path+" "+string(r.Body))
			}
			if len(all) == 0 {
				t.Fatalf("%s sent no request", typeName)
			}
			result, ok := state[idsAttribute]
			if !ok {
				result = state[attrTotal]
			}
			return strings.Join(all, "\n"), result
		}
		for _, attr := range s.Block.Attributes {
			// The selection's and the paging's are arguments that are no
			// filter: they shape the state or the paging, not the match.
			if !attr.Optional || paging[attr.Name] || slices.Contains(selectionArguments, attr.Name) {
				continue
			}
			checked[kindOf(attr.ValueType())]++
			t.Run(typeName+"."+attr.Name, func(t *testing.T) {
				unfiltered, all := bodies(t, nil)
				value, text := filterProbe(t, attr.Name, p.configType(t, typeName).AttributeTypes[attr.Name])
				body, result := bodies(t, map[string]tftypes.Value{attr.Name: value})
				if text != "" && !strings.Contains(body, text) {
					t.Errorf("%s = %v: %s is not in the request bodies %s", attr.Name, value, text, body)
				}
				if body == unfiltered && result.Equal(all) {
					t.Errorf("%s = %v left the request bodies as they are unfiltered, and the result too: %s", attr.Name, value, body)
				}
				expectSpecBodies(t, openapi.Trimmed(), attr.Name, api.requestsTo(path))
			})
		}
	}
	// Each kind of filter the provider has is among those checked.
	for _, kind := range []string{"set", "bool", "number", "date range", "custom fields"} {
		if checked[kind] == 0 {
			t.Errorf("found no %s filters", kind)
		}
	}
}

// kindOf names the kind of filter a value of typ is.
func kindOf(typ tftypes.Type) string {
	switch {
	case typ.Is(tftypes.Set{}) || typ.Is(tftypes.List{}):
		return "set"
	case typ.Is(tftypes.Bool):
		return "bool"
	case typ.Is(tftypes.Number):
		return "number"
	case typ.Is(tftypes.Object{}):
		return "date range"
	case typ.Is(tftypes.DynamicPseudoType):
		return "custom fields"
	}
	return typ.String()
}
