package provider

import (
	"context"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The contract every data source keeps, checked in plain `go test`: the
// provider's protocol server (inProcess) reads from the local API on
// loopback, as the CLI would call it. The same reads through the CLIs are
// the TestAcc tests, which need TF_ACC.

// objectDecl is the object declaration a list or get data source reads,
// so that a get finds the list of the same objects.
func (d *listDataSource[F, R, T]) objectDecl() any { return d.spec.object }
func (d *getDataSource[T]) objectDecl() any        { return d.spec.object }

// countedList is the list data source whose items a count counts: the
// count is named after it (devrev_works_count counts devrev_works).
func (d *countDataSource[F]) countedList() string {
	return strings.TrimSuffix(d.spec.typeName, "_count")
}

// dataSourceKinds sorts the provider's data sources by kind, by type name:
// a data source added later is enrolled in every test here by itself, and
// one of none of the three kinds fails.
func dataSourceKinds(t *testing.T) (lists, gets, counts map[string]datasource.DataSource) {
	t.Helper()
	lists, gets, counts = map[string]datasource.DataSource{}, map[string]datasource.DataSource{}, map[string]datasource.DataSource{}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		switch ds.(type) {
		case interface{ listSelection() listSelection }:
			lists[md.TypeName] = ds
		case interface{ countedList() string }:
			counts[md.TypeName] = ds
		case interface{ objectDecl() any }:
			gets[md.TypeName] = ds
		default:
			t.Errorf("%s is no list, get or count data source: the contract tests do not cover it", md.TypeName)
		}
	}
	return lists, gets, counts
}

// num is a number argument's value.
func num(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(n))) }

// strVal is a string argument's value.
func strVal(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// requiredArgs are the arguments typeName's reads all need
// (listsRequired), as values; a count takes those of its list.
func listArgsOf(typeName string) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for k, v := range listsRequired[strings.TrimSuffix(typeName, "_count")].body {
		out[k] = strVal(v.(string))
	}
	return out
}

// with is args plus more.
func with(args map[string]tftypes.Value, more map[string]tftypes.Value) map[string]tftypes.Value {
	out := make(map[string]tftypes.Value, len(args)+len(more))
	for k, v := range args {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// expectSameItems checks that got's items are want's, attribute by
// attribute and in order, and stops the test at the first that differs.
func expectSameItems(t *testing.T, what string, got, want []map[string]tftypes.Value) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d items, want %d", what, len(got), len(want))
	}
	for i := range got {
		for name, v := range want[i] {
			if !got[i][name].Equal(v) {
				// One item is enough to show where the reads part.
				t.Fatalf("%s: item %d's %s is %v, want %v", what, i, name, got[i][name], v)
			}
		}
	}
}

// isNull reports whether state's attribute name is null.
func isNull(state map[string]tftypes.Value, name string) bool { return state[name].IsNull() }

// The paging every list data source shares, in-process, on each list the
// provider serves: the whole list is every item the local API serves, in
// order; limit gives exactly that many and a next_cursor from which the
// rest follows with none lost or repeated; mode "before" reads backward
// from prev_cursor and from the end; page_size is the request's limit, and
// the last request asks only for what limit still needs.
func TestEveryListPages(t *testing.T) {
	lists, _, _ := dataSourceKinds(t)
	if len(lists) == 0 {
		t.Fatal("no list data sources")
	}
	for typeName := range lists {
		t.Run(typeName, func(t *testing.T) {
			d, ok := listsData[typeName]
			if !ok {
				t.Fatalf("listsData has no entry for %s", typeName)
			}
			api := startAPI(t, d.opts)
			p := newInProcess(t, api.URL)
			req := listArgsOf(typeName)
			all := served(t, d.opts, d.path, d.answer, listsRequired[typeName].body)
			if len(all) != 230 {
				t.Fatalf("the local API served %d items, want 230", len(all))
			}
			wantIDs := make([]string, len(all))
			for i, it := range all {
				wantIDs[i] = servedID(it.(map[string]any))
			}
			_, hasMode := p.configType(t, typeName).AttributeTypes["mode"]

			whole := readOK(t, p, typeName, req)
			if got := stateIDs(t, whole); !slices.Equal(got, wantIDs) {
				t.Fatalf("the whole list's ids are not those served, in order: %d ids, want %d", len(got), len(wantIDs))
			}
			items := stateItems(t, whole, d.key)
			for i, it := range items {
				if id := it[alwaysSelected]; !id.IsNull() && !id.Equal(strVal(wantIDs[i])) {
					t.Errorf("item %d's id is %v, want %s", i, id, wantIDs[i])
				}
			}
			if !isNull(whole, "next_cursor") || (hasMode && !isNull(whole, "prev_cursor")) {
				t.Errorf("the whole list has a cursor: next %v, prev %v", whole["next_cursor"], whole["prev_cursor"])
			}

			api.ResetRequests()
			first := readOK(t, p, typeName, with(req, map[string]tftypes.Value{"limit": num(90), "page_size": num(40)}))
			expectSameItems(t, "limit 90", stateItems(t, first, d.key), items[:90])
			if isNull(first, "next_cursor") {
				t.Fatal("a limited read has no next_cursor")
			}
			rest := readOK(t, p, typeName, with(req, map[string]tftypes.Value{"cursor": first["next_cursor"]}))
			expectSameItems(t, "from next_cursor", stateItems(t, rest, d.key), items[90:])
			if !isNull(rest, "next_cursor") {
				t.Errorf("the read to the end has next_cursor %v", rest["next_cursor"])
			}
			var limits []int
			for _, b := range specBodies(t, api.requestsTo(d.path)) {
				if l, _ := b["limit"].(float64); l == 40 || l == 10 {
					limits = append(limits, int(l))
				}
			}
			if !slices.Equal(limits, []int{40, 40, 10}) {
				t.Errorf("limit 90 in pages of 40 asked for %v, want [40 40 10]", limits)
			}

			api.ResetRequests()
			paged := readOK(t, p, typeName, with(req, map[string]tftypes.Value{"page_size": num(40)}))
			expectSameItems(t, "page_size 40", stateItems(t, paged, d.key), items)
			bodies := specBodies(t, api.requestsTo(d.path))
			if len(bodies) != 6 {
				t.Errorf("230 items in pages of 40 took %d requests, want 6", len(bodies))
			}
			for i, b := range bodies {
				if b["limit"] != float64(40) {
					t.Errorf("request %d asked for limit %v, want page_size 40", i, b["limit"])
				}
			}

			if !hasMode {
				return
			}
			if isNull(rest, "prev_cursor") {
				t.Fatal("the read from next_cursor has no prev_cursor")
			}
			back := readOK(t, p, typeName, with(req, map[string]tftypes.Value{
				"mode": strVal("before"), "cursor": rest["prev_cursor"], "limit": num(30),
			}))
			expectSameItems(t, "before prev_cursor", stateItems(t, back, d.key), items[60:90])
			api.ResetRequests()
			last := readOK(t, p, typeName, with(req, map[string]tftypes.Value{
				"mode": strVal("before"), "limit": num(50), "page_size": num(45),
			}))
			expectSameItems(t, "the last 50", stateItems(t, last, d.key), items[180:])
			if isNull(last, "prev_cursor") || !isNull(last, "next_cursor") {
				t.Errorf("the last 50: prev_cursor %v, next_cursor %v; want one before, none after", last["prev_cursor"], last["next_cursor"])
			}
			limits = nil
			for _, b := range specBodies(t, api.requestsTo(d.path)) {
				if b["mode"] != "before" {
					t.Errorf("a backward read sent mode %v", b["mode"])
				}
				l, _ := b["limit"].(float64)
				limits = append(limits, int(l))
			}
			if !slices.Equal(limits, []int{45, 5}) {
				t.Errorf("limit 50 backward in pages of 45 asked for %v, want [45 5]", limits)
			}
		})
	}
}

// On every list, in-process: `attributes` fills the selected attributes
// as a read of every attribute does and leaves every other one null, with
// the same ids. (extra_attributes: TestEveryListTakesExtraAttributes.)
func TestEveryListSelects(t *testing.T) {
	lists, _, _ := dataSourceKinds(t)
	for typeName := range lists {
		t.Run(typeName, func(t *testing.T) {
			d, ok := listsData[typeName]
			names, ok2 := selections[typeName]
			if !ok || !ok2 {
				t.Fatalf("listsData or selections has no entry for %s", typeName)
			}
			api := startAPI(t, d.opts)
			p := newInProcess(t, api.URL)
			sel := selectionOf(t, typeName)
			req := listArgsOf(typeName)
			full := readOK(t, p, typeName, with(req, map[string]tftypes.Value{selectionArgument: setOf(sel.all...)}))
			state := readOK(t, p, typeName, with(req, map[string]tftypes.Value{selectionArgument: setOf(names...)}))
			fills := slices.Clone(names)
			if sel.hasID {
				fills = append(fills, alwaysSelected)
			}
			expectFilled(t, state, full, d.key, fills)
			for _, n := range names {
				if !slices.ContainsFunc(stateItems(t, state, d.key), func(it map[string]tftypes.Value) bool { return !it[n].IsNull() }) {
					t.Errorf("no item has %s filled: the test could not tell selected from left out", n)
				}
			}
		})
	}
}

// noDisplayIDs are the singular data sources whose objects the local API
// serves without a display id.
var noDisplayIDs = map[string]bool{"devrev_sla_tracker": true}

// On every singular data source, in-process: the object read by its DON
// id and by its display id (where it has one: noDisplayIDs) is the list's
// item, every attribute of it, and id holds the DON either way; a missing
// id is an error on `id` that names the id.
func TestEveryGetReadsTheListsItem(t *testing.T) {
	lists, gets, _ := dataSourceKinds(t)
	if len(gets) == 0 {
		t.Fatal("no singular data sources")
	}
	for typeName, g := range gets {
		t.Run(typeName, func(t *testing.T) {
			var listName string
			for n, l := range lists {
				if l.(interface{ objectDecl() any }).objectDecl() == g.(interface{ objectDecl() any }).objectDecl() {
					listName = n
				}
			}
			d, ok := listsData[listName]
			if listName == "" || !ok {
				t.Fatalf("no list of the objects %s reads, or no listsData for it", typeName)
			}
			api := startAPI(t, d.opts)
			p := newInProcess(t, api.URL)
			sel := selectionOf(t, listName)
			full := readOK(t, p, listName, with(listArgsOf(listName), map[string]tftypes.Value{selectionArgument: setOf(sel.all...)}))
			items := stateItems(t, full, d.key)
			want := items[len(items)/3]
			var don, displayID string
			if err := want["id"].As(&don); err != nil || don == "" {
				t.Fatalf("the list's item has no id: %v", want["id"])
			}
			ids := []string{don}
			// SLA trackers have no display ids in the local API: no
			// source gives their prefix (display_id.go). Every other
			// object is read by both.
			if err := want["display_id"].As(&displayID); err != nil || displayID == "" {
				if !noDisplayIDs[typeName] {
					t.Fatalf("the list's item has no display_id: %v", want["display_id"])
				}
			} else {
				ids = append(ids, displayID)
			}
			for _, id := range ids {
				got := readOK(t, p, typeName, map[string]tftypes.Value{"id": strVal(id)})
				for name, v := range want {
					if !got[name].Equal(v) {
						t.Errorf("read by %s: %s is %v, the list's item's %v", id, name, got[name], v)
					}
				}
			}

			prefix, _, _ := strings.Cut(displayID, "-")
			missing := prefix + "-987654321"
			if displayID == "" { // the same DON, with a number no object has
				missing = don[:strings.LastIndex(don, "/")+1] + "987654321"
			}
			_, diags := p.read(t, typeName, map[string]tftypes.Value{"id": strVal(missing)})
			if len(diags) == 0 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
				t.Fatalf("reading %s, which does not exist, succeeded", missing)
			}
			// The provider's own words name the id, not only the API's
			// message that follows them.
			dg := diags[0]
			own, _, _ := strings.Cut(dg.Detail, "\n\n")
			if dg.Attribute == nil || dg.Attribute.String() != `AttributeName("id")` ||
				!strings.Contains(dg.Summary, "not found") || !strings.Contains(own, `"`+missing+`"`) {
				t.Errorf("a missing id is not an error on id naming it: %s on %v: %s", dg.Summary, dg.Attribute, dg.Detail)
			}
		})
	}
}

// On every count data source, in-process: total is the length of its
// list read with the same arguments, and an exact count says it has no
// more.
func TestEveryCountCountsItsList(t *testing.T) {
	lists, _, counts := dataSourceKinds(t)
	if len(counts) == 0 {
		t.Fatal("no count data sources")
	}
	for typeName, c := range counts {
		t.Run(typeName, func(t *testing.T) {
			listName := c.(interface{ countedList() string }).countedList()
			d, ok := listsData[listName]
			if _, isList := lists[listName]; !isList || !ok {
				t.Fatalf("%s counts %s, which is no list with listsData", typeName, listName)
			}
			api := startAPI(t, d.opts)
			p := newInProcess(t, api.URL)
			list := readOK(t, p, listName, listArgsOf(listName))
			count := readOK(t, p, typeName, listArgsOf(typeName))
			var total big.Float
			if err := count[attrTotal].As(&total); err != nil {
				t.Fatal(err)
			}
			n := len(stateIDs(t, list))
			if n == 0 {
				t.Fatal("the list is empty: the test could not tell a count from none")
			}
			if got, _ := total.Int64(); got != int64(n) {
				t.Errorf("total is %d, the list has %d", got, n)
			}
			if hm, ok := count[attrHasMore]; ok && !hm.IsNull() && !hm.Equal(tftypes.NewValue(tftypes.Bool, false)) {
				t.Errorf("has_more is %v for an exact count", hm)
			}
		})
	}
}
