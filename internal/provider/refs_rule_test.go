package provider

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The rule for references, in every data source's schema: an object that
// has a data source of its own is named by its id, in an attribute named
// `<name>_id` (a list of them `<name>_ids`), and its summary is in the
// data source's map of its kind, which the attribute's description names;
// no such object is nested as a summary. The only nested objects with an
// `id` are of objects without data sources, and tags (a tag has
// `devrev_tags`), which stay nested because a singular data source's top
// level holds the object's own `tags` (refs.go). A list's item and the
// singular data source of the same object have the same attributes, and
// each map has the same shape wherever it appears.
func TestEveryReferenceIsNamedForWhatItHolds(t *testing.T) {
	// Paths (in an item, nested objects joined by dots) of the nested
	// objects with an `id` that are not references.
	notRefs := map[string]bool{"display_picture": true, "stage.state": true, "sprint": true, "tags.tag": true,
		"metric_target_summaries.metric_definition": true, "stage.stage": true}
	// Ids that DevRev gives alone, without a summary to put in a map (an
	// SLA tracker's tracked object and policy): `<name>_id` strings
	// whose descriptions say so.
	bareIDs := map[string]bool{"applies_to_id": true, "sla_policy_id": true}
	kinds := map[string]tftypes.Type{}
	for _, k := range refKinds {
		kinds[k.attribute] = k.typ
	}
	items := map[string]map[string]schema.Attribute{} // by data source
	tops := map[string]map[string]schema.Attribute{}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		var sr datasource.SchemaResponse
		ds.Schema(context.Background(), datasource.SchemaRequest{}, &sr)
		top := sr.Schema.Attributes
		item := itemAttributes(top)
		if item == nil {
			continue // a count
		}
		name := md.TypeName
		items[name], tops[name] = item, top
		var walk func(path string, attrs map[string]schema.Attribute)
		walk = func(path string, attrs map[string]schema.Attribute) {
			for n, a := range attrs {
				p := strings.TrimPrefix(path+"."+n, ".")
				if nested := nestedAttributes(a); nested != nil {
					// An object's id is a string (a DON); a whole number
					// names a value of an enum (an article's scope), not
					// an object.
					if id, hasID := nested["id"]; hasID && !notRefs[p] && !isInt64(id) {
						t.Errorf("%s: %s nests the summary of an object with an id: name it by its id (%s_id) and put the summary in a map", name, p, p)
					}
					walk(p, nested)
					continue
				}
				if path != "" || n == "id" || n == "display_id" || n == "ids" {
					continue
				}
				desc := a.GetMarkdownDescription()
				switch {
				case strings.HasSuffix(n, "_ids"):
					if !mentionsMap(desc, top, kinds, "[id]`") {
						t.Errorf("%s: %s does not say which map of the data source holds the summaries (%q)", name, n, desc)
					}
				case strings.HasSuffix(n, "_id") && bareIDs[n]:
					if !strings.Contains(desc, "alone") {
						t.Errorf("%s: %s is an id without a map, and its description does not say that DevRev gives it alone (%q)", name, n, desc)
					}
				case strings.HasSuffix(n, "_id"):
					if !mentionsMap(desc, top, kinds, "["+n+"]`") {
						t.Errorf("%s: %s does not say which map of the data source holds the summary (%q)", name, n, desc)
					}
				case mentionsMap(desc, top, kinds, "["), mentionsMap(desc, top, kinds, "`"):
					t.Errorf("%s: %s holds ids of objects with a map but is not named `<name>_id` or `<name>_ids`", name, n)
				}
			}
		}
		walk("", item)
		// Each map of a kind has the kind's one shape (a list's items may
		// share a kind's name: devrev_accounts' `accounts`).
		for n, a := range top {
			if _, isItems := a.(schema.ListNestedAttribute); isItems {
				continue
			}
			if typ, ok := kinds[n]; ok && !a.GetType().TerraformType(context.Background()).Equal(typ) {
				t.Errorf("%s: %s is %s, not the shape of every %s map", name, n, a.GetType(), n)
			}
		}
	}
	for _, k := range refKinds {
		if !slices.ContainsFunc(slices.Collect(maps.Values(tops)), func(top map[string]schema.Attribute) bool { _, ok := top[k.attribute]; return ok }) {
			t.Errorf("no data source has the map %s", k.attribute)
		}
	}
	// A singular data source is its list's item, with the same maps.
	for name, top := range tops {
		list, ok := tops[name+"s"]
		if !ok {
			continue
		}
		for n, a := range top {
			// Custom fields are beside the items in a list too
			// (custom_fields.go), keyed by id.
			if _, isMap := kinds[n]; isMap || n == customFieldsAttribute {
				if _, ok := list[n]; !ok {
					t.Errorf("%s has the map %s, %ss has not", name, n, name)
				}
				continue
			}
			want, ok := items[name+"s"][n]
			if !ok {
				t.Errorf("%s has %s, the items of %ss have not", name, n, name)
				continue
			}
			if !a.GetType().Equal(want.GetType()) {
				t.Errorf("%s.%s is %s, the items of %ss have %s", name, n, a.GetType(), name, want.GetType())
			}
		}
		for n := range items[name+"s"] {
			if _, ok := top[n]; !ok {
				t.Errorf("the items of %ss have %s, %s has not", name, n, name)
			}
		}
	}
}

// itemAttributes are the attributes of the objects a data source reads:
// its list's items, or for a singular data source its top level; nil for
// a count.
func itemAttributes(top map[string]schema.Attribute) map[string]schema.Attribute {
	if _, ok := top["display_id"]; ok {
		return top
	}
	if _, ok := top["member_id"]; ok {
		return top
	}
	for _, a := range top {
		if l, ok := a.(schema.ListNestedAttribute); ok {
			return l.NestedObject.Attributes
		}
	}
	return nil
}

// nestedAttributes are the attributes of a nested object (or of a list's
// elements); nil for any other attribute.
func nestedAttributes(a schema.Attribute) map[string]schema.Attribute {
	switch a := a.(type) {
	case schema.SingleNestedAttribute:
		return a.Attributes
	case schema.ListNestedAttribute:
		return a.NestedObject.Attributes
	}
	return nil
}

// mentionsMap reports whether desc names a map of top that is a map of a
// kind, as "`<map>" followed by suffix (`users[created_by_id]`).
func mentionsMap(desc string, top map[string]schema.Attribute, kinds map[string]tftypes.Type, suffix string) bool {
	for k := range kinds {
		if _, ok := top[k]; ok && strings.Contains(desc, "`"+k+suffix) {
			return true
		}
	}
	return false
}

// lookups are the references each list's items hold, by attribute, with
// the maps that hold their summaries, from each list's object (refsOf):
// every kind, and every list added later.
var lookups = func() map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for _, newDataSource := range (&DevRevProvider{}).DataSources(context.Background()) {
		if l, ok := newDataSource().(interface {
			refsOf() (string, map[string][]string)
		}); ok {
			name, refs := l.refsOf()
			out[name] = refs
		}
	}
	return out
}()

// refsOf names d's references and the maps of their kinds.
func (d *listDataSource[F, R, T]) refsOf() (string, map[string][]string) {
	refs := map[string][]string{}
	for _, f := range d.spec.object.fields {
		for _, k := range f.kinds {
			refs[f.name] = append(refs[f.name], k.attribute)
		}
	}
	return d.spec.typeName, refs
}

// Through the provider in process, from the local API: every reference in
// every list's items leads, by its id, to its summary in the map of its
// kind (`users[e.created_by_id].email`, `accounts[w.account_id]`,
// `rev_orgs[u.rev_org_id].display_name`, ...), and every kind of map is
// reached so.
func TestEveryReferenceLooksUpItsSummary(t *testing.T) {
	reached := map[string]int{}
	for typeName, attrs := range lookups {
		d := listsData[typeName]
		api := startAPI(t, d.opts)
		p := newInProcess(t, api.URL)
		set := map[string]tftypes.Value{}
		if req, ok := listsRequired[typeName]; ok {
			for k, v := range req.body {
				set[k] = tftypes.NewValue(tftypes.String, v)
			}
		}
		state, diags := p.read(t, typeName, set)
		if state == nil {
			t.Fatalf("%s: %v", typeName, diags)
		}
		var items []tftypes.Value
		if err := state[d.key].As(&items); err != nil {
			t.Fatal(err)
		}
		mapsOf := map[string]map[string]tftypes.Value{}
		for _, m := range slices.Concat(slices.Collect(maps.Values(attrs))...) {
			var entries map[string]tftypes.Value
			if err := state[m].As(&entries); err != nil {
				t.Fatalf("%s has no map %s: %v", typeName, m, err)
			}
			mapsOf[m] = entries
		}
		for attr := range attrs {
			if _, ok := d.typ.AttributeTypes[attr]; !ok {
				t.Errorf("%s: the items have no %s", typeName, attr)
				delete(attrs, attr)
			}
		}
		for i, it := range items {
			var item map[string]tftypes.Value
			if err := it.As(&item); err != nil {
				t.Fatal(err)
			}
			for attr, kinds := range attrs {
				v := item[attr]
				for _, id := range refIDs(t, v) {
					found := false
					for _, k := range kinds {
						var summary map[string]tftypes.Value
						if e, ok := mapsOf[k][id]; ok && e.As(&summary) == nil && summary["id"].Equal(tftypes.NewValue(tftypes.String, id)) {
							found = true
							reached[k]++
							if k == "users" {
								if _, ok := summary["email"]; !ok {
									t.Errorf("%s: users[%q] has no email", typeName, id)
								}
							}
						}
					}
					if !found {
						t.Errorf("%s[%d].%s = %q: no summary in %v", typeName, i, attr, id, kinds)
					}
				}
			}
		}
	}
	for _, k := range refKinds {
		if reached[k.attribute] == 0 {
			t.Errorf("no reference led to %s: the local API's data, or the lookups, miss a kind", k.attribute)
		}
	}
	t.Logf("lookups by map: %v", reached)
}

// refIDs are the ids a reference holds: none when null, one, or a list's.
func refIDs(t *testing.T, v tftypes.Value) []string {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	if v.Type().Is(tftypes.String) {
		var s string
		_ = v.As(&s)
		return []string{s}
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range elems {
		var s string
		_ = e.As(&s)
		ids = append(ids, s)
	}
	return ids
}

func isInt64(a schema.Attribute) bool { _, ok := a.(schema.Int64Attribute); return ok }
