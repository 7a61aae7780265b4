package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// listSelection is what a list's selection can name: every attribute of
// its items, those an unset `attributes` fills, and whether the items
// have the always-filled id.
type listSelection struct {
	all, defaults []string
	hasID         bool
}

func (d *listDataSource[F, R, T]) listSelection() listSelection {
	o := d.spec.object
	s := listSelection{all: o.fieldNames(), hasID: o.hasAlwaysSelected()}
	for i, f := range o.fields {
		if o.listDefault.has(i) {
			s.defaults = append(s.defaults, f.name)
		}
	}
	return s
}

// selectionOf is typeName's listSelection.
func selectionOf(t *testing.T, typeName string) listSelection {
	t.Helper()
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		if d, ok := ds.(interface{ listSelection() listSelection }); ok && md.TypeName == typeName {
			return d.listSelection()
		}
	}
	t.Fatalf("no list data source %s", typeName)
	return listSelection{}
}

// setOf is a set argument's value.
func setOf(ns ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(ns))
	for i, n := range ns {
		elems[i] = tftypes.NewValue(tftypes.String, n)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
}

// readOK is p.read that fails the test on an error.
func readOK(t *testing.T, p *inProcess, typeName string, set map[string]tftypes.Value) map[string]tftypes.Value {
	t.Helper()
	state, diags := p.read(t, typeName, set)
	if state == nil {
		t.Fatalf("%s: read failed: %v", typeName, diags)
	}
	return state
}

// stateItems is a list state's items, each by attribute.
func stateItems(t *testing.T, state map[string]tftypes.Value, key string) []map[string]tftypes.Value {
	t.Helper()
	var list []tftypes.Value
	if err := state[key].As(&list); err != nil {
		t.Fatal(err)
	}
	out := make([]map[string]tftypes.Value, len(list))
	for i, v := range list {
		if err := v.As(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// expectFilled checks that state holds full's items (a read that fills
// every attribute) with exactly the attributes filled named, the others
// null, and the same ids.
func expectFilled(t *testing.T, state, full map[string]tftypes.Value, key string, filled []string) {
	t.Helper()
	got, want := stateItems(t, state, key), stateItems(t, full, key)
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d items, the full read %d", len(got), len(want))
	}
	for i := range got {
		for name, v := range got[i] {
			switch {
			case slices.Contains(filled, name) && !v.Equal(want[i][name]):
				t.Errorf("%s[%d].%s is %v, the full read's %v", key, i, name, v, want[i][name])
			case !slices.Contains(filled, name) && !v.IsNull():
				t.Errorf("%s[%d].%s is %v, want null: it is not selected", key, i, name, v)
			}
		}
	}
	if !state[idsAttribute].Equal(full[idsAttribute]) {
		t.Errorf("ids differ from the full read's")
	}
}

// expectSameRefs checks that state's maps of the objects its items name
// (users, parents) are want's.
func expectSameRefs(t *testing.T, state, want map[string]tftypes.Value, typ tftypes.Object) {
	t.Helper()
	for _, k := range kindsNamed(typ) {
		if !state[k.attribute].Equal(want[k.attribute]) {
			t.Errorf("%s is %v, want %v", k.attribute, state[k.attribute], want[k.attribute])
		}
	}
}

// A user who wants the default read and the descriptions names one
// attribute: every default attribute and description are filled, as a read
// naming every attribute fills them, with the same users and parents.
func TestExtraAttributesAddToTheDefault(t *testing.T) {
	api := startAPI(t, localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 60}})
	p := newInProcess(t, api.URL)
	sel := selectionOf(t, "devrev_engagements")
	if slices.Contains(sel.defaults, "description") {
		t.Fatal("the default selection fills description: this test no longer tells the two apart")
	}
	full := readOK(t, p, "devrev_engagements", map[string]tftypes.Value{selectionArgument: setOf(sel.all...)})
	state := readOK(t, p, "devrev_engagements", map[string]tftypes.Value{extraSelectionArgument: setOf("description")})
	expectFilled(t, state, full, "engagements", sel.all)
	expectSameRefs(t, state, full, engagementObject.typ)
	if !slices.ContainsFunc(stateItems(t, state, "engagements"), func(e map[string]tftypes.Value) bool { return !e["description"].IsNull() }) {
		t.Error("no engagement has a description: the local API should serve some")
	}
}

// extra_attributes adds to `attributes` when both are set: id plus title
// is exactly those, with no users or parents (a title names none); member_ids
// added to id brings the users the members name, as naming both in
// `attributes` does.
func TestExtraAttributesAddToAttributes(t *testing.T) {
	api := startAPI(t, localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 60}})
	p := newInProcess(t, api.URL)
	sel := selectionOf(t, "devrev_engagements")
	full := readOK(t, p, "devrev_engagements", map[string]tftypes.Value{selectionArgument: setOf(sel.all...)})
	state := readOK(t, p, "devrev_engagements", map[string]tftypes.Value{
		selectionArgument: setOf("id"), extraSelectionArgument: setOf("title"),
	})
	expectFilled(t, state, full, "engagements", []string{"id", "title"})
	for _, k := range kindsNamed(engagementObject.typ) {
		if !state[k.attribute].IsNull() {
			t.Errorf("%s is %v, want null: id and title name no %s", k.attribute, state[k.attribute], k.what)
		}
	}
	state = readOK(t, p, "devrev_engagements", map[string]tftypes.Value{
		selectionArgument: setOf("id"), extraSelectionArgument: setOf("member_ids"),
	})
	expectFilled(t, state, full, "engagements", []string{"id", "member_ids"})
	want := readOK(t, p, "devrev_engagements", map[string]tftypes.Value{selectionArgument: setOf("id", "member_ids")})
	expectSameRefs(t, state, want, engagementObject.typ)
	if state["users"].IsNull() {
		t.Error("users is null, but member_ids names users")
	}
}

// On every list data source (listsData): extra_attributes adds its names
// to the default or to `attributes`, an attribute already selected or an
// empty set adds nothing, and the maps of the objects the items name
// follow what is filled.
func TestEveryListTakesExtraAttributes(t *testing.T) {
	for typeName, d := range listsData {
		t.Run(typeName, func(t *testing.T) {
			api := startAPI(t, d.opts)
			p := newInProcess(t, api.URL)
			sel := selectionOf(t, typeName)
			required := map[string]tftypes.Value{}
			for k, v := range listsRequired[typeName].body {
				required[k] = tftypes.NewValue(tftypes.String, v)
			}
			read := func(args map[string]tftypes.Value) map[string]tftypes.Value {
				for k, v := range required {
					args[k] = v
				}
				return readOK(t, p, typeName, args)
			}
			full := read(map[string]tftypes.Value{selectionArgument: setOf(sel.all...)})
			fillsOf := func(ns ...string) []string {
				if sel.hasID {
					ns = append(ns, alwaysSelected)
				}
				return ns
			}
			// A name the default leaves out, where there is one.
			extra := sel.all[0]
			for _, n := range sel.all {
				if !slices.Contains(sel.defaults, n) {
					extra = n
				}
			}
			// For `attributes` plus extra_attributes: one name in each,
			// the added one filled in some item, or the test could not tell
			// it added from left out.
			var one, another string
			for _, n := range slices.Backward(sel.all) {
				if n != alwaysSelected && another == "" && slices.ContainsFunc(stateItems(t, full, d.key),
					func(it map[string]tftypes.Value) bool { return !it[n].IsNull() }) {
					another = n
				}
			}
			for _, n := range sel.all {
				if n != alwaysSelected && n != another && one == "" {
					one = n
				}
			}
			cases := []struct {
				name        string
				args        map[string]tftypes.Value
				fills       []string
				sameRefsArg []string // the `attributes` of a read with the same users and parents
			}{
				{"the default plus " + extra, map[string]tftypes.Value{extraSelectionArgument: setOf(extra)},
					append(slices.Clone(sel.defaults), extra), append(slices.Clone(sel.defaults), extra)},
				{"the default plus one it has", map[string]tftypes.Value{extraSelectionArgument: setOf(sel.defaults[0])},
					sel.defaults, sel.defaults},
				{"an empty set", map[string]tftypes.Value{extraSelectionArgument: setOf()},
					sel.defaults, sel.defaults},
				{"one plus another", map[string]tftypes.Value{
					selectionArgument: setOf(one), extraSelectionArgument: setOf(another),
				}, fillsOf(one, another), []string{one, another}},
			}
			if !slices.Contains(sel.defaults, extra) && !slices.ContainsFunc(stateItems(t, full, d.key),
				func(it map[string]tftypes.Value) bool { return !it[extra].IsNull() }) {
				t.Fatalf("no item has %s: the test could not tell it filled from left out", extra)
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					state := read(c.args)
					expectFilled(t, state, full, d.key, c.fills)
					expectSameRefs(t, state, read(map[string]tftypes.Value{selectionArgument: setOf(c.sameRefsArg...)}), d.typ)
				})
			}
		})
	}
}

// A name that is not an attribute, in extra_attributes of any list, is an
// error at validation (plan time) that names the argument and the name,
// with the names there are.
func TestEveryListRejectsUnknownExtraAttributes(t *testing.T) {
	p := newInProcess(t, "http://127.0.0.1:1")
	for typeName := range listsData {
		t.Run(typeName, func(t *testing.T) {
			typ := p.configType(t, typeName)
			attrs := nullAttrs(typ)
			attrs[extraSelectionArgument] = setOf("no_such_attribute")
			dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := p.srv.ValidateDataResourceConfig(context.Background(),
				&tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: &dv})
			if err != nil {
				t.Fatal(err)
			}
			sel := selectionOf(t, typeName)
			var found bool
			for _, d := range resp.Diagnostics {
				if d.Severity == tfprotov6.DiagnosticSeverityError &&
					d.Summary == "Unknown attribute in "+extraSelectionArgument &&
					strings.Contains(d.Detail, `"no_such_attribute"`) && strings.Contains(d.Detail, sel.all[0]) {
					found = true
				}
			}
			if !found {
				t.Errorf("diagnostics %v, want an error naming %s and \"no_such_attribute\"", resp.Diagnostics, extraSelectionArgument)
			}
		})
	}
}
