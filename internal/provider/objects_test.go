package provider

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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
	checkObject(t, d.spec.object)
	// With no selection, with one that leaves out all but the last
	// attribute (and id), and with the default plus the first attribute:
	// left-out attributes are written as nil in their place.
	selected, extra := nullAttrs(obj), nullAttrs(obj)
	names := d.spec.object.fieldNames()
	selected[selectionArgument] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, names[len(names)-1])})
	extra[extraSelectionArgument] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, names[0])})
	next := "next"
	for _, config := range []tftypes.Value{nullValue(obj), tftypes.NewValue(obj, selected), tftypes.NewValue(obj, extra)} {
		for _, w := range []*devrev.Window[T]{
			{},
			{Items: []T{filled[T](t), *new(T), filled[T](t)}, NextCursor: &next, PrevCursor: &next},
		} {
			whole, _, err := d.spec.stateValue(config, w)
			if err != nil {
				t.Fatal(err)
			}
			if !whole.Type().Equal(typ) {
				t.Fatalf("state type %s, schema type %s", whole.Type(), typ)
			}
			streamed, _, err := d.spec.stateMsgPack(config, w, math.MaxInt64)
			if err != nil {
				t.Fatal(err)
			}
			want, err := tfprotov6.NewDynamicValue(typ, whole)
			if err != nil {
				t.Fatal(err)
			}
			if !sameState(t, typ, streamed, whole, want.MsgPack) {
				t.Fatalf("streamed state differs from the whole value's")
			}
		}
	}
}

func (d *getDataSource[T]) checkStates(t *testing.T) {
	typ := schemaType(t, d)
	checkObject(t, d.spec.object)
	for _, item := range []T{filled[T](t), *new(T)} {
		v, _, err := d.spec.state(&item)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Type().Equal(typ) {
			t.Fatalf("state type %s, schema type %s", v.Type(), typ)
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
	default:
		t.Fatalf("cannot fill a %s", v.Type())
	}
}

// sameState reports whether streamed, the state a list data source
// streams, is whole, the state built as one value. wholeMsgPack is whole
// encoded by tftypes: the bytes must be the same, except that tftypes
// writes a map's keys (`users`, `parents`) in Go's random map order, so
// with more than one entry the decoded values are compared instead.
func sameState(t *testing.T, typ tftypes.Type, streamed []byte, whole tftypes.Value, wholeMsgPack []byte) bool {
	t.Helper()
	if bytes.Equal(streamed, wholeMsgPack) {
		return true
	}
	back, err := (&tfprotov6.DynamicValue{MsgPack: streamed}).Unmarshal(typ)
	if err != nil {
		t.Fatalf("the streamed state does not decode: %v", err)
	}
	var attrs map[string]tftypes.Value
	if err := whole.As(&attrs); err != nil {
		return false
	}
	for _, k := range refKinds {
		var m map[string]tftypes.Value
		if v, ok := attrs[k.attribute]; ok && !v.IsNull() && v.As(&m) == nil && len(m) > 1 {
			return back.Equal(whole) // only map order may differ
		}
	}
	return false
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
