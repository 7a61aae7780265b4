package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// listFilterCase is one filter case of a list data source: its arguments
// by name (a string, a []string or []int64 for a set, an int for a number,
// a bool for a flag, a dateRangeArg for a date range), what the request body holds
// for them under the spec's names (by dotted path; nil for absent) and
// which of the served items it must select (decided from the local API's
// data). name names the subtest in-process and the data block through the
// CLI.
type listFilterCase[T any] struct {
	name string
	args map[string]any
	body map[string]any
	keep func(*T) bool
}

// dateRangeArg is a date range argument's after and before ("" for none).
type dateRangeArg [2]string

// oneFilter is the case of the one argument attr, which the request body
// carries under the same name (see wireOf).
func oneFilter[T any](attr string, v any, keep func(*T) bool) listFilterCase[T] {
	return listFilterCase[T]{name: attr, args: map[string]any{attr: v}, body: map[string]any{attr: wireOf(v)}, keep: keep}
}

// wireOf is what the request body holds for the argument value v, as
// decoded JSON: a string, a set sorted, a flag, a number, or a
// `date-time-filter`
// (after and before, no `type`).
func wireOf(v any) any {
	switch v := v.(type) {
	case []string:
		return anyStrings(slices.Sorted(slices.Values(v))...)
	case []int64:
		out := []any{}
		for _, n := range slices.Sorted(slices.Values(v)) {
			out = append(out, float64(n))
		}
		return out
	case string, bool:
		return v
	case int:
		return float64(v)
	case dateRangeArg:
		m := map[string]any{}
		if v[0] != "" {
			m["after"] = v[0]
		}
		if v[1] != "" {
			m["before"] = v[1]
		}
		return m
	}
	panic(fmt.Sprintf("wireOf: %T", v))
}

func anyStrings(ss ...string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// argValue is a configured argument of type typ.
func argValue(typ tftypes.Type, v any) tftypes.Value {
	switch v := v.(type) {
	case []string:
		elems := make([]tftypes.Value, len(v))
		for i, s := range v {
			elems[i] = tftypes.NewValue(tftypes.String, s)
		}
		return tftypes.NewValue(typ, elems)
	case []int64:
		elems := make([]tftypes.Value, len(v))
		for i, n := range v {
			elems[i] = tftypes.NewValue(tftypes.Number, big.NewFloat(float64(n)))
		}
		return tftypes.NewValue(typ, elems)
	case string:
		return tftypes.NewValue(tftypes.String, v)
	case int:
		return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(v)))
	case bool:
		return tftypes.NewValue(tftypes.Bool, v)
	case dateRangeArg:
		bound := func(s string) tftypes.Value {
			if s == "" {
				return tftypes.NewValue(tftypes.String, nil)
			}
			return tftypes.NewValue(tftypes.String, s)
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{"after": bound(v[0]), "before": bound(v[1])})
	}
	panic(fmt.Sprintf("argValue: %T", v))
}

// argHCL is the argument value v as HCL.
func argHCL(v any) string {
	switch v := v.(type) {
	case []string, []int64:
		js, _ := json.Marshal(v)
		return string(js)
	case string:
		return fmt.Sprintf("%q", v)
	case int, bool:
		return fmt.Sprint(v)
	case dateRangeArg:
		var parts []string
		if v[0] != "" {
			parts = append(parts, fmt.Sprintf("after = %q", v[0]))
		}
		if v[1] != "" {
			parts = append(parts, fmt.Sprintf("before = %q", v[1]))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	}
	panic(fmt.Sprintf("argHCL: %T", v))
}

// checkSpecNamesOf fails for any key of body (at any depth) that the
// spec's schema of its object (schemas, by dotted path; "" is the request)
// lacks.
func checkSpecNamesOf(t *testing.T, schemas map[string]string, body map[string]any, path string) {
	t.Helper()
	schema, ok := schemas[path]
	if !ok {
		t.Errorf("the request body has an object at %q, which the test does not know", path)
		return
	}
	for k, v := range body {
		if !slices.Contains(localapi.SpecFields(schema), k) {
			t.Errorf("request body field %q (in %q) is not in the spec's %s", k, path, schema)
		}
		if m, ok := v.(map[string]any); ok {
			checkSpecNamesOf(t, schemas, m, strings.TrimPrefix(path+"."+k, "."))
		}
	}
}

// filterList is the filter cases of one list data source: its type, the
// path of its list endpoint, the spec's schema of each object of that
// endpoint's request body (by dotted path; "" is the request), the items
// the local API serves, in its order, and their ids.
type filterList[T any] struct {
	typeName, path string
	schemas        map[string]string
	items          []T
	id             func(*T) string
	cases          []listFilterCase[T]
}

// want is the ids of the items c keeps, in the API's order; a case that
// keeps none or all of them fails the test, as it could not tell a working
// filter from a lost one.
func (l filterList[T]) want(t *testing.T, c listFilterCase[T]) []string {
	t.Helper()
	var want []string
	for i := range l.items {
		if c.keep(&l.items[i]) {
			want = append(want, l.id(&l.items[i]))
		}
	}
	if len(want) == 0 || len(want) == len(l.items) {
		t.Fatalf("%s %s: the case selects %d of %d: it cannot tell a working filter from a lost one", l.typeName, c.name, len(want), len(l.items))
	}
	return want
}

// bodyDiffs are where body differs from what c says it holds.
func (c listFilterCase[T]) bodyDiffs(body map[string]any) []string {
	var diffs []string
	for _, path := range slices.Sorted(maps.Keys(c.body)) {
		if got := at(body, strings.Split(path, ".")); !reflect.DeepEqual(got, c.body[path]) {
			diffs = append(diffs, fmt.Sprintf("at %s: %#v, want %#v", path, got, c.body[path]))
		}
	}
	return diffs
}

// runInProcess reads l.typeName in-process once per case, and checks that
// every request body names only fields of the spec, holds what the case
// says, and that the read selects exactly the items the case keeps, in
// order.
func (l filterList[T]) runInProcess(t *testing.T, api *testAPI) {
	t.Helper()
	p := newInProcess(t, api.URL)
	typ := p.configType(t, l.typeName)
	for _, c := range l.cases {
		t.Run(c.name, func(t *testing.T) {
			want := l.want(t, c)
			set := map[string]tftypes.Value{}
			for name, v := range c.args {
				set[name] = argValue(typ.AttributeTypes[name], v)
			}
			api.ResetRequests()
			state, diags := p.read(t, l.typeName, set)
			if state == nil {
				t.Fatalf("read: %v", diags)
			}
			bodies := specBodies(t, api.requestsTo(l.path))
			if len(bodies) == 0 {
				t.Fatalf("no %s request", l.path)
			}
			for _, b := range bodies {
				checkSpecNamesOf(t, l.schemas, b, "")
				for _, d := range c.bodyDiffs(b) {
					t.Errorf("request body %s", d)
				}
			}
			if got := stateIDs(t, state); !slices.Equal(got, want) {
				t.Errorf("selected %d %v, want %d %v", len(got), got, len(want), want)
			}
		})
	}
}

// cliFilters is a filterList of any item type, as runCLIFilters reads it.
type cliFilters interface {
	config(t *testing.T) string
	stateChecks(t *testing.T) []statecheck.StateCheck
	checkBodies(t *testing.T, api *testAPI)
}

// config is one data block per case, named as the case.
func (l filterList[T]) config(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, c := range l.cases {
		fmt.Fprintf(&b, "data %q %q {\n", l.typeName, c.name)
		names := slices.Sorted(maps.Keys(c.args))
		for _, name := range names {
			fmt.Fprintf(&b, "  %s = %s\n", name, argHCL(c.args[name]))
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// stateChecks check each case's `ids` against the items it keeps, in the
// API's order.
func (l filterList[T]) stateChecks(t *testing.T) []statecheck.StateCheck {
	t.Helper()
	var checks []statecheck.StateCheck
	for _, c := range l.cases {
		want := l.want(t, c)
		ids := make([]knownvalue.Check, len(want))
		for i, id := range want {
			ids[i] = knownvalue.StringExact(id)
		}
		checks = append(checks, statecheck.ExpectKnownValue("data."+l.typeName+"."+c.name, tfjsonpath.New("ids"), knownvalue.ListExact(ids)))
	}
	return checks
}

// checkBodies checks the bodies the CLI's run sent to l.path: each names
// only fields of the spec, and each case's fields reached one of them
// exactly as the case says.
func (l filterList[T]) checkBodies(t *testing.T, api *testAPI) {
	t.Helper()
	bodies := specBodies(t, api.requestsTo(l.path))
	for _, b := range bodies {
		checkSpecNamesOf(t, l.schemas, b, "")
	}
	for _, c := range l.cases {
		if !slices.ContainsFunc(bodies, func(b map[string]any) bool { return len(c.bodyDiffs(b)) == 0 }) {
			js, _ := json.Marshal(c.body)
			t.Errorf("%s %s: no %s request carried %s (of %d requests)", l.typeName, c.name, l.path, js, len(bodies))
		}
	}
}

// runCLIFilters reads every case of lists through the CLI, in one
// configuration with a data block per case, and checks what each selects
// and the request bodies the run sent.
func runCLIFilters(t *testing.T, api *testAPI, lists ...cliFilters) {
	t.Helper()
	var config strings.Builder
	var checks []statecheck.StateCheck
	for _, l := range lists {
		config.WriteString(l.config(t))
		checks = append(checks, l.stateChecks(t)...)
	}
	// The bodies are checked even when a state check has stopped the test
	// (not when it was skipped: no TF_ACC).
	defer func() {
		if t.Skipped() {
			return
		}
		for _, l := range lists {
			l.checkBodies(t, api)
		}
	}()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: api.providerBlock() + config.String(), ConfigStateChecks: checks}},
	})
}
