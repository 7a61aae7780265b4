package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// selections are the `attributes` each list's selection test asks for:
// chosen here for the lists below (the engagements' is the report-sized
// selection of the large-reads guide), and for any other list derived from
// its object (selectionOf), so that a list added later is tested too.
var selections = func() map[string][]string {
	out := map[string][]string{
		"devrev_engagements": {"engagement_type", "parent_id", "member_ids", "created_date", "description"},
		"devrev_accounts":    {"display_name", "owned_by_ids", "created_date"},
		"devrev_dev_users":   {"email", "display_name"},
		"devrev_works":       {"type", "title", "severity", "stage", "body"},
		"devrev_meetings":    {"state", "organizer_id", "scheduled_date", "tags"},
		"devrev_parts":       {"name", "type", "owned_by_ids"},
		"devrev_tags":        {"name", "allowed_values"},
		"devrev_groups":      {"name", "owner_id", "is_default"},
		// A group member's two attributes: the member alone.
		"devrev_group_members": {"member_id"},
		"devrev_rev_orgs":      {"display_name", "account_id", "created_date"},
		"devrev_rev_users":     {"email", "rev_org_id", "phone_numbers"},
		// The first plain attribute by name, actual_close_date, is null on
		// the first (open) conversation, which the test's output reads.
		"devrev_conversations": {"title", "sla_summary", "account_id", "description"},
	}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		if l, ok := newDataSource().(interface{ selectionOf() (string, []string) }); ok {
			if name, names := l.selectionOf(); out[name] == nil {
				out[name] = names
			}
		}
	}
	return out
}()

// selectionOf picks a selection of d's attributes that covers what a
// selection must handle: a reference (its map), a long text (left out by
// default) and two plain attributes, the first of each by name.
func (d *listDataSource[F, R, T]) selectionOf() (string, []string) {
	var ref, text string
	var plain []string
	for _, f := range d.spec.object.fields {
		switch {
		case f.name == "id":
		case f.kinds != nil:
			ref = cmp.Or(ref, f.name)
		case f.longText:
			text = cmp.Or(text, f.name)
		case len(plain) < 2:
			plain = append(plain, f.name)
		}
	}
	names := plain
	for _, n := range []string{ref, text} {
		if n != "" {
			names = append(names, n)
		}
	}
	return d.spec.typeName, names
}

// only is a served item with every attribute but names and id removed:
// what state holds when those are selected (expectDecoded wants the
// removed ones null).
func only(item any, names []string) any {
	m := item.(map[string]any)
	out := map[string]any{"id": m["id"]}
	for _, n := range names {
		if k := servedKey(m, n); m[k] != nil {
			out[k] = m[k]
		}
	}
	return out
}

// Through the CLI, on every list: the selected attributes are filled
// exactly as served, every other one is null (not empty, not missing), and
// id and ids are filled; an output that uses a selected attribute works.
// extra_attributes adds the same names to the default (the long texts
// among them are filled too) and to `attributes` (one name there, the
// others added: the same selection).
func TestAccLists_selection(t *testing.T) {
	skipWithoutCLI(t, "TestEveryListSelects")
	eachList(t, func(t *testing.T, typeName string) {
		d, ok := listsData[typeName]
		names, ok2 := selections[typeName]
		if !ok || !ok2 {
			t.Fatalf("listsData or selections has no entry for %s", typeName)
		}
		api := startAPI(t, d.opts)
		req := listsRequired[typeName]
		all := served(t, d.opts, d.path, d.answer, req.body)
		want := make([]any, len(all))
		for i, it := range all {
			want[i] = only(it, names)
		}
		addr := "data." + typeName + ".some"
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = fmt.Sprintf("%q", n)
		}
		// Every item's selected attribute is non-null somewhere, or the
		// test could not tell selected from left out.
		for _, n := range names {
			if !slices.ContainsFunc(all, func(it any) bool { return servedValue(it.(map[string]any), n) != nil }) {
				t.Fatalf("no served item has %s: choose another attribute for this test", n)
			}
		}
		// The default plus names: every attribute but the long texts not
		// named.
		var withExtra []string
		for n := range d.typ.AttributeTypes {
			if !longTextNames[n] || slices.Contains(names, n) {
				withExtra = append(withExtra, n)
			}
		}
		wantExtra := make([]any, len(all))
		for i, it := range all {
			wantExtra[i] = only(it, withExtra)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: factories(nil),
			Steps: []resource.TestStep{{
				Config: api.providerBlock() + fmt.Sprintf(`
data %[1]q "some" {
  %[5]s
  attributes = [%[2]s]
}
output "first" { value = data.%[1]s.some.%[3]s[0].%[4]s }
`, typeName, strings.Join(quoted, ", "), d.key, names[0], req.hcl),
				ConfigStateChecks: append(expectSelected(addr, d.key, want, d.typ, names),
					statecheck.ExpectKnownOutputValue("first", expectDecoded(servedValue(all[0].(map[string]any), names[0]), d.typ.AttributeTypes[names[0]]))),
			}, {
				Config: api.providerBlock() + fmt.Sprintf(`
data %[1]q "some" {
  %[3]s
  extra_attributes = [%[2]s]
}
`, typeName, strings.Join(quoted, ", "), req.hcl),
				ConfigStateChecks: expectSelected(addr, d.key, wantExtra, d.typ, withExtra),
			}, {
				Config: api.providerBlock() + fmt.Sprintf(`
data %[1]q "some" {
  %[4]s
  attributes       = [%[2]s]
  extra_attributes = [%[3]s]
}
`, typeName, quoted[0], strings.Join(quoted[1:], ", "), req.hcl),
				ConfigStateChecks: expectSelected(addr, d.key, want, d.typ, names),
			}},
		})
	})
}

// An attribute that does not exist is an error at plan time, naming it
// and the list, before any request reaches DevRev.
func TestAccLists_selectionUnknownAttribute(t *testing.T) {
	api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 5}})
	cases := []struct {
		config string
		want   []string
	}{
		{`data "devrev_engagements" "test" { attributes = ["parent_id", "titel"] }`,
			[]string{"Unknown attribute in attributes", `devrev_engagements has no attribute "titel" in engagements`, "title"}},
		{`data "devrev_accounts" "test" { attributes = ["display_picture"] }`,
			[]string{`devrev_accounts has no attribute "display_picture" in accounts`, "display_name"}},
		{`data "devrev_dev_users" "test" { attributes = ["emails"] }`,
			[]string{`devrev_dev_users has no attribute "emails" in dev_users`, "email"}},
		{`data "devrev_engagements" "test" { attributes = [null] }`, []string{"Null element in attributes"}},
		{`data "devrev_works" "test" { extra_attributes = ["no_such_attribute"] }`,
			[]string{"Unknown attribute in extra_attributes", `devrev_works has no attribute "no_such_attribute" in works`, "body"}},
		{`data "devrev_engagements" "test" {
  attributes       = ["title"]
  extra_attributes = ["parents"]
}`, []string{"Unknown attribute in extra_attributes", `devrev_engagements has no attribute "parents" in engagements`, "parent"}},
		{`data "devrev_engagements" "test" { extra_attributes = [null] }`, []string{"Null element in extra_attributes"}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: api.providerBlock() + c.config, ExpectError: errorLike(c.want...)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.Requests()); n != 0 {
		t.Errorf("an unknown attribute must stop the plan before any request; the API saw %d", n)
	}
}

// What a user looks up or reports on stays in every user summary of a
// default read: ids, display ids, names, type, email and state. (The
// acceptance tests check every attribute against what the API served;
// this says which ones must never go.)
func TestUserSummaryKeepsLookupFields(t *testing.T) {
	for _, name := range []string{"id", "display_id", "type", "display_name", "full_name", "email", "state"} {
		if _, ok := userSummary.typ.AttributeTypes[name]; !ok {
			t.Errorf("user summaries lost %s", name)
		}
	}
	for _, o := range []struct {
		name  string
		typ   tftypes.Object
		names []string
	}{
		{"engagement", engagementObject.typ, []string{"id", "display_id", "title", "engagement_type", "created_date", "modified_date", "created_by_id", "modified_by_id", "parent_id", "member_ids"}},
		{"account", accountObject.typ, []string{"id", "display_id", "display_name", "domains", "owned_by_ids", "created_by_id", "created_date", "tags"}},
		{"dev user", devUserObject.typ, []string{"id", "display_id", "display_name", "full_name", "email", "state", "display_picture", "created_date"}},
	} {
		for _, n := range o.names {
			if _, ok := o.typ.AttributeTypes[n]; !ok {
				t.Errorf("the %s lost %s", o.name, n)
			}
		}
	}
}

// selection reads the arguments: null is everything but the long texts, id
// is always in, a long text named is filled, extra_attributes adds to
// either (and never to the default shared by every read), and a name that
// validation should have stopped is an error, not a silently empty
// attribute.
func TestSelectionFromConfig(t *testing.T) {
	set := func(names ...string) tftypes.Value {
		elems := make([]tftypes.Value, len(names))
		for i, n := range names {
			elems[i] = tftypes.NewValue(tftypes.String, n)
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
	}
	names := func(sel selection) []string {
		var got []string
		for i, f := range engagementObject.fields {
			if sel.has(i) {
				got = append(got, f.name)
			}
		}
		return got
	}
	unset := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil)
	all := engagementObject.fieldNames()
	defaults := slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == "description" })
	sel, err := engagementObject.selection(unset, unset)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(sel); !slices.Equal(got, defaults) {
		t.Errorf("unset selects %v, want every attribute but description", got)
	}
	for _, c := range []struct {
		set   tftypes.Value
		extra tftypes.Value
		want  []string
	}{
		{set("parent_id"), unset, []string{"id", "parent_id"}},
		{set("description", "title"), unset, []string{"description", "id", "title"}},
		{unset, set("description"), all},
		{unset, set("title"), defaults},
		{unset, set(), defaults},
		{set("id"), set("title"), []string{"id", "title"}},
		{set("parent_id"), set("parent_id", "member_ids"), []string{"id", "member_ids", "parent_id"}},
		{set(), set(), []string{"id"}},
	} {
		sel, err := engagementObject.selection(c.set, c.extra)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(sel); !slices.Equal(got, c.want) {
			t.Errorf("attributes %v, extra_attributes %v select %v, want %v", c.set, c.extra, got, c.want)
		}
	}
	if got := names(engagementObject.listDefault); !slices.Equal(got, defaults) {
		t.Errorf("reading extra_attributes changed the default selection to %v", got)
	}
	for _, c := range []struct {
		set, extra tftypes.Value
		want       string
	}{
		{set("parent_id", "nope"), unset, `attributes names "nope"`},
		{unset, set("nope"), `extra_attributes names "nope"`},
		{set("parent_id"), set("nope"), `extra_attributes names "nope"`},
	} {
		if _, err := engagementObject.selection(c.set, c.extra); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("attributes %v, extra_attributes %v: %v, want an error with %s", c.set, c.extra, err, c.want)
		}
	}
	// An object without a long text fills every attribute by default;
	// extra_attributes still has its names checked.
	if _, err := accountObject.selection(unset, set("nope")); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("an unknown name on a list without long texts: %v", err)
	}
}

// The state with a selection: streamed msgpack byte for byte the whole
// value's (objects_test.go's checkStates runs every list with and without
// one), and the left-out attributes null while the selected ones are the
// full read's.
func TestSelectedStateIsTheFullOnesWithNulls(t *testing.T) {
	seeded := decodeAsClient(t, localapi.Generate(4, 50))
	full := engagementObject.listValue(seeded)
	sel, err := engagementObject.selection(tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, "member_ids"), tftypes.NewValue(tftypes.String, "created_date")}),
		tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil))
	if err != nil {
		t.Fatal(err)
	}
	var fullItems []tftypes.Value
	if err := full.As(&fullItems); err != nil {
		t.Fatal(err)
	}
	for i := range seeded {
		var whole, some map[string]tftypes.Value
		if err := fullItems[i].As(&whole); err != nil {
			t.Fatal(err)
		}
		if err := engagementObject.selectedValue(&seeded[i], sel).As(&some); err != nil {
			t.Fatal(err)
		}
		for name, v := range some {
			switch name {
			case "id", "member_ids", "created_date":
				if !v.Equal(whole[name]) {
					t.Errorf("item %d: %s is %v, the full read's %v", i, name, v, whole[name])
				}
			default:
				if !v.IsNull() {
					t.Errorf("item %d: %s is %v, want null", i, name, v)
				}
			}
		}
		if len(some) != len(whole) {
			t.Errorf("item %d has %d attributes, the full read %d", i, len(some), len(whole))
		}
	}
}
