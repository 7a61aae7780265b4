package provider

import (
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// stateChecked is a data source whose state this file can build and check.
// The methods are declared below, in the test, for each kind of data source.
type stateChecked interface {
	checkStates(t *testing.T)
}

// Every data source the provider serves: the state built from the API's
// JSON has exactly the type of the schema Terraform is told, for objects
// with every optional field set and with none, and every field of the wire
// type is an attribute.
func TestEveryDataSourceStateMatchesItsSchema(t *testing.T) {
	p := &DevRevProvider{}
	for _, newDataSource := range p.DataSources(context.Background()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
		t.Run(md.TypeName, func(t *testing.T) {
			c, ok := ds.(stateChecked)
			if !ok {
				t.Fatalf("%T has no checkStates: teach this test how to build its state", ds)
			}
			c.checkStates(t)
		})
	}
}

func schemaType(t *testing.T, ds datasource.DataSource) tftypes.Type {
	t.Helper()
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp.Schema.Type().TerraformType(context.Background())
}

func (d *listDataSource[F, R, T]) checkStates(t *testing.T) {
	typ := schemaType(t, d)
	obj := typ.(tftypes.Object)
	o := d.spec.object
	checkObject(t, o)
	// With no selection, with one that leaves out all but the last
	// attribute (and id), and with the default plus the first attribute:
	// left-out attributes are written as nil in their place.
	selected, extra := nullAttrs(obj), nullAttrs(obj)
	names := o.fieldNames()
	selected[selectionArgument] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, names[len(names)-1])})
	extra[extraSelectionArgument] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, names[0])})
	next, prev := "next", "prev"
	refs := refFieldNames(o)
	for _, config := range []tftypes.Value{nullValue(obj), tftypes.NewValue(obj, selected), tftypes.NewValue(obj, extra)} {
		var args map[string]tftypes.Value
		_ = config.As(&args)
		sel, err := o.selection(args[selectionArgument], args[extraSelectionArgument])
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []*devrev.Window[T]{
			{},
			{Items: []T{filled[T](t), *new(T), filled[T](t)}, NextCursor: &next, PrevCursor: &prev},
		} {
			items := slices.Clone(w.Items) // the state's encoding clears w's
			streamed, _, err := d.spec.stateMsgPack(config, w, math.MaxInt64)
			if err != nil {
				t.Fatal(err)
			}
			state, err := decodeMsgPack(typ, streamed)
			if err != nil {
				t.Fatalf("the state does not decode with the schema's type: %v", err)
			}
			var attrs map[string]tftypes.Value
			_ = state.As(&attrs)
			for _, name := range append(append(filterNames(d.spec.filters), filterNames(d.spec.args)...), selectionArguments...) {
				if !attrs[name].Equal(args[name]) {
					t.Errorf("argument %s is %v in state, configured %v", name, attrs[name], args[name])
				}
			}
			if c := stateJSON(attrs[nextCursorAttribute]); w.NextCursor != nil && c != next || w.NextCursor == nil && c != nil {
				t.Errorf("next_cursor is %v, want %v", c, w.NextCursor)
			}
			if c := stateJSON(attrs[prevCursorAttribute]); w.PrevCursor != nil && c != prev || w.PrevCursor == nil && c != nil {
				t.Errorf("prev_cursor is %v, want %v", c, w.PrevCursor)
			}
			var got, ids []tftypes.Value
			_ = attrs[d.spec.items].As(&got)
			_ = attrs[idsAttribute].As(&ids)
			if len(got) != len(items) || len(ids) != len(items) {
				t.Fatalf("%d items and %d ids in state, want %d", len(got), len(ids), len(items))
			}
			for i := range items {
				if want := d.spec.id(&items[i]); !ids[i].Equal(tftypes.NewValue(tftypes.String, want)) {
					t.Errorf("ids[%d] is %v, want %v", i, ids[i], want)
				}
				var item map[string]tftypes.Value
				_ = got[i].As(&item)
				for j, f := range o.fields {
					v := item[f.name]
					switch {
					case i == 1 || !sel.has(j): // the empty item, or left out
						if !v.IsNull() {
							t.Errorf("%s[%d].%s is %v, want null", d.spec.items, i, f.name, v)
						}
					default:
						if p := wrongLeaf(v, f.name, tftypes.NewAttributePath().WithAttributeName(f.name), refs); p != nil {
							t.Errorf("%s[%d] is null or wrong at %s", d.spec.items, i, p)
						}
					}
				}
			}
			named := 0 // entries across the maps: a group member is a user or a group
			for _, k := range o.refKinds() {
				m := stateJSON(attrs[k.attribute])
				switch {
				case !o.names(k, sel):
					if m != nil {
						t.Errorf("%s is %v, want null: the selection names none of its objects", k.attribute, m)
					}
				case len(items) == 0:
					if mm, ok := m.(map[string]any); !ok || len(mm) != 0 {
						t.Errorf("%s is %v, want empty", k.attribute, m)
					}
				default:
					// filled names every object by the id "id".
					mm, ok := m.(map[string]any)
					if !ok || len(mm) > 1 || len(mm) == 1 && mm["id"] == nil {
						t.Errorf("%s is %v, want the one object named, or none", k.attribute, m)
					}
					named += len(mm)
				}
			}
			if len(items) > 0 && slices.ContainsFunc(o.refKinds(), func(k *refKind) bool { return o.names(k, sel) }) && named == 0 {
				t.Errorf("no map holds the objects the items name")
			}
			if o.custom != nil {
				// The filled items (both with the id "id") have one custom
				// field; the empty one none, so it is no key.
				want := any(nil)
				switch {
				case o.customSelected(sel) && len(items) > 0:
					want = map[string]any{"id": map[string]any{filledCustomField: customFieldsAttribute}}
				case o.customSelected(sel):
					want = map[string]any{}
				}
				if got := stateJSON(attrs[customFieldsAttribute]); !reflect.DeepEqual(got, want) {
					t.Errorf("%s is %v, want %v", customFieldsAttribute, got, want)
				}
			}
		}
	}
}

// filterNames are the names of filters.
func filterNames[F any](filters []filter[F]) []string {
	names := make([]string, len(filters))
	for i, f := range filters {
		names[i] = f.name
	}
	return names
}

// refFieldNames are the names of o's fields that name objects.
func refFieldNames[T any](o *object[T]) map[string]bool {
	refs := map[string]bool{}
	for _, f := range o.fields {
		refs[f.name] = f.kinds != nil
	}
	return refs
}

func (d *getDataSource[T]) checkStates(t *testing.T) {
	typ := schemaType(t, d).(tftypes.Object)
	o := d.spec.object
	checkObject(t, o)
	refs := refFieldNames(o)
	for i, item := range []T{filled[T](t), *new(T)} {
		streamed, _, err := d.spec.stateMsgPack(typ, &item)
		if err != nil {
			t.Fatal(err)
		}
		state, err := decodeMsgPack(typ, streamed)
		if err != nil {
			t.Fatalf("the state does not decode with the schema's type: %v", err)
		}
		var attrs map[string]tftypes.Value
		_ = state.As(&attrs)
		for _, f := range o.fields {
			v := attrs[f.name]
			if i == 1 && !v.IsNull() {
				t.Errorf("%s is %v with no field set, want null", f.name, v)
			}
			if p := wrongLeaf(v, f.name, tftypes.NewAttributePath().WithAttributeName(f.name), refs); i == 0 && p != nil {
				t.Errorf("with every field set, null or wrong at %s", p)
			}
		}
		named := 0
		for _, k := range o.refKinds() {
			m, ok := stateJSON(attrs[k.attribute]).(map[string]any)
			if !ok || len(m) > 1 || len(m) == 1 && m["id"] == nil || i == 1 && len(m) != 0 {
				t.Errorf("%s is %v", k.attribute, attrs[k.attribute])
			}
			named += len(m)
		}
		if i == 0 && len(o.refKinds()) > 0 && named == 0 {
			t.Errorf("no map holds the objects the object names")
		}
		if o.custom != nil {
			want := any(nil)
			if i == 0 {
				want = map[string]any{filledCustomField: customFieldsAttribute}
			}
			if got := stateJSON(attrs[customFieldsAttribute]); !reflect.DeepEqual(got, want) {
				t.Errorf("%s is %v, want %v", customFieldsAttribute, got, want)
			}
		}
	}
}

// A count's state is its configuration plus total (and has_more where
// DevRev caps the count).
func (d *countDataSource[F]) checkStates(t *testing.T) {
	obj := schemaType(t, d).(tftypes.Object)
	for _, f := range d.spec.filters {
		if _, ok := obj.AttributeTypes[f.name]; !ok {
			t.Errorf("%s lacks the filter %s", d.spec.typeName, f.name)
		}
	}
	if !obj.AttributeTypes[attrTotal].Equal(tftypes.Number) {
		t.Errorf("total is a %s", obj.AttributeTypes[attrTotal])
	}
	if _, ok := obj.AttributeTypes[attrHasMore]; ok != (d.spec.hasMoreDesc != "") || (ok && !obj.AttributeTypes[attrHasMore].Equal(tftypes.Bool)) {
		t.Errorf("has_more is %v", obj.AttributeTypes[attrHasMore])
	}
}

// checkObject checks one object declaration: every field of the wire type
// T but those omitted is an attribute of the same name (its JSON name; a
// reference's with `_id`, a list of references' with `_ids` after the
// singular), an object with every field set has no null anywhere, and one
// with none set is all null.
func checkObject[T any](t *testing.T, o *object[T], omitted ...string) {
	t.Helper()
	wire := reflect.TypeFor[T]()
	// A field that names objects is the wire field's name with `_id` or
	// `_ids`.
	covered := map[string]bool{}
	refs := map[string]bool{}
	for _, f := range o.fields {
		refs[f.name] = f.kinds != nil
		name := f.name
		if n, ok := strings.CutSuffix(name, "_ids"); ok && f.kinds != nil {
			covered[n], covered[n+"s"] = true, true
		} else if f.kinds != nil {
			name = strings.TrimSuffix(name, "_id")
		}
		covered[name] = true
	}
	for _, name := range omitted {
		covered[name] = true
	}
	if o.custom != nil {
		// Not an attribute of the items: the data sources show them
		// beside (custom_fields.go); the states' checks read them.
		covered[customFieldsAttribute] = true
	}
	for i := range wire.NumField() {
		name, _, _ := strings.Cut(wire.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		if !covered[name] {
			t.Errorf("%s.%s (%q) is not an attribute", wire.Name(), wire.Field(i).Name, name)
		}
	}
	full := filled[T](t)
	if p := wrongLeaf(o.value(&full), "", tftypes.NewAttributePath(), refs); p != nil {
		t.Errorf("%s with every field set is null or wrong at %s: a field's getter reads the wrong field", wire.Name(), p)
	}
	var empty T
	v := o.value(&empty)
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	for name, a := range attrs {
		if !a.IsNull() {
			t.Errorf("%s with no field set has %s = %s", wire.Name(), name, a)
		}
	}
}

// wrongLeaf returns the path of the first null in v, or of the first
// string that is not the name of its attribute (filled sets every string
// to its field's JSON name; an attribute in refs names users, by their
// "id"), or nil.
func wrongLeaf(v tftypes.Value, name string, p *tftypes.AttributePath, refs map[string]bool) *tftypes.AttributePath {
	if v.IsNull() {
		return p
	}
	switch {
	case v.Type().Is(tftypes.Object{}):
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		for a, av := range attrs {
			if n := wrongLeaf(av, a, p.WithAttributeName(a), refs); n != nil {
				return n
			}
		}
	case v.Type().Is(tftypes.List{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		for i, e := range elems {
			if n := wrongLeaf(e, name, p.WithElementKeyInt(i), refs); n != nil {
				return n
			}
		}
	case v.Type().Is(tftypes.String):
		want := name
		if refs[name] {
			want = "id"
		}
		var s string
		if _ = v.As(&s); s != want {
			return p
		}
	}
	return nil
}

// filledCustomField is the one custom field filled sets.
const filledCustomField = "tnt__field"

// filled returns a T with every pointer set, every slice holding one
// element and every string its field's JSON name, recursively.
func filled[T any](t *testing.T) T {
	var v T
	fill(t, reflect.ValueOf(&v).Elem(), "", 0)
	return v
}

func fill(t *testing.T, v reflect.Value, name string, depth int) {
	if depth > 8 {
		t.Fatalf("%s nests too deep to fill", v.Type())
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), name, depth+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(t, v.Index(0), name, depth+1)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				json, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				fill(t, v.Field(i), json, depth+1)
			}
		}
	case reflect.String:
		v.SetString(name)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Map:
		// Custom fields: one, filledCustomField, whose value is the
		// wire field's JSON name.
		m := reflect.MakeMap(v.Type())
		elem := reflect.New(v.Type().Elem()).Elem()
		if elem.Kind() == reflect.Interface {
			elem.Set(reflect.ValueOf(name))
		} else {
			fill(t, elem, name, depth+1)
		}
		m.SetMapIndex(reflect.ValueOf(filledCustomField).Convert(v.Type().Key()), elem)
		v.Set(m)
	default:
		t.Fatalf("cannot fill a %s", v.Type())
	}
}

func nullValue(obj tftypes.Object) tftypes.Value {
	return tftypes.NewValue(obj, nullAttrs(obj))
}

// nullAttrs is a null value for every attribute of obj, for a test to set
// some of.
func nullAttrs(obj tftypes.Object) map[string]tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, t := range obj.AttributeTypes {
		attrs[name] = tftypes.NewValue(t, nil)
	}
	return attrs
}

// The summaries nested in the objects above, each checked on its own too:
// every field of its wire type is an attribute, and its getters read the
// right fields.
func TestSummariesCoverTheirWireTypes(t *testing.T) {
	checkObject(t, userSummary)
	checkObject(t, artifactSummary)
	checkObject(t, fileSummary)
	checkObject(t, objectSummary)
	// Every entry of `accounts` is an account, of `rev_orgs` a Rev
	// organization: their summaries leave out the wire summary's `type`.
	checkObject(t, accountSummary, "type")
	checkObject(t, revOrgSummary, "type")
	checkObject(t, groupSummary)
	checkObject(t, partSummary)
	checkObject(t, tagSummary)
	checkObject(t, tagWithValue)
}
