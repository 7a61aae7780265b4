package provider

import (
	"encoding/json"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// customFieldsJSON is what DevRev may send as custom_fields: every kind of
// value, numbers an int64, a float64 and neither can hold exactly, a
// null (left out), a list of mixed values with a null (a null string),
// and a nested object.
const customFieldsJSON = `{
	"tnt__region": "EMEA", "tnt__score": 3, "tnt__ratio": 2.5, "tnt__big": 123456789012345678901234567890.125,
	"tnt__neg": -400, "tnt__count": 40000, "tnt__escalated": false, "tnt__renewal_date": "2024-05-01T00:00:00Z",
	"tnt__components": ["api", 7, true, null], "tnt__empty": [], "tnt__gone": null,
	"ctype__nested": {"a": 1, "b": null, "<&>": "x"}, "tnt__long": "` + "0123456789012345678901234567890123456789" + `"
}`

// tfValue is the tftypes value custom_fields.go means to encode for v (a
// value devrev.CustomFields decodes), built independently of it: the
// encoding is checked against tftypes' own.
func tfValue(t *testing.T, v any) tftypes.Value {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(tftypes.String, nil)
	case string:
		return tftypes.NewValue(tftypes.String, v)
	case bool:
		return tftypes.NewValue(tftypes.Bool, v)
	case json.Number:
		f, _, err := big.ParseFloat(string(v), 10, 512, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		return tftypes.NewValue(tftypes.Number, f)
	case []any:
		types, values := []tftypes.Type{}, []tftypes.Value{}
		for _, e := range v {
			ev := tfValue(t, e)
			types, values = append(types, ev.Type()), append(values, ev)
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, values)
	case map[string]any:
		types, values := map[string]tftypes.Type{}, map[string]tftypes.Value{}
		for k, e := range v {
			if e == nil {
				continue
			}
			ev := tfValue(t, e)
			types[k], values[k] = ev.Type(), ev
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, values)
	case devrev.CustomFields:
		return tfValue(t, map[string]any(v))
	}
	t.Fatalf("no value for %T", v)
	return tftypes.Value{}
}

// A singular data source's custom_fields is written byte for byte as
// tftypes writes the same value in a dynamic attribute, and decodes with
// the dynamic type to the values DevRev sent, each of its JSON type.
func TestCustomFieldsEncodeAsTftypesDoes(t *testing.T) {
	var cf devrev.CustomFields
	if err := json.Unmarshal([]byte(customFieldsJSON), &cf); err != nil {
		t.Fatal(err)
	}
	want, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, tfValue(t, cf))
	if err != nil {
		t.Fatal(err)
	}
	got := appendCustomFieldsDynamic(nil, cf)
	if string(got) != string(want.MsgPack) {
		t.Fatalf("custom fields encode as\n%x\nwant tftypes'\n%x", got, want.MsgPack)
	}
	v, err := decodeMsgPack(tftypes.DynamicPseudoType, got)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]tftypes.Value
	if err := v.As(&fields); err != nil {
		t.Fatal(err)
	}
	if _, ok := fields["tnt__gone"]; ok {
		t.Error("a field DevRev sent as null is an attribute")
	}
	for name, typ := range map[string]tftypes.Type{
		"tnt__region": tftypes.String, "tnt__score": tftypes.Number, "tnt__escalated": tftypes.Bool,
		"tnt__renewal_date": tftypes.String,
		"tnt__components":   tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number, tftypes.Bool, tftypes.String}},
	} {
		if !fields[name].Type().Equal(typ) {
			t.Errorf("%s is a %s, want a %s", name, fields[name].Type(), typ)
		}
	}
	// Numbers are exact: the one a float64 cannot hold keeps every digit.
	var big1 big.Float
	if err := fields["tnt__big"].As(&big1); err != nil || big1.Text('f', -1) != "123456789012345678901234567890.125" {
		t.Errorf("tnt__big is %s (%v)", big1.Text('f', -1), err)
	}
	// Every kind of number form tftypes writes is among them.
	for _, form := range []byte{0xcd, 0xcb, 0xd1} { // uint16, float64, int16
		if !slices.Contains(got, form) {
			t.Errorf("no msgpack number of form %#x: the test no longer covers it", form)
		}
	}
}

// No fields, or only null ones, is a null dynamic value.
func TestCustomFieldsAbsentAreNull(t *testing.T) {
	for _, cf := range []devrev.CustomFields{nil, {}, {"tnt__gone": nil}} {
		v, err := decodeMsgPack(tftypes.DynamicPseudoType, appendCustomFieldsDynamic(nil, cf))
		if err != nil || !v.IsNull() {
			t.Errorf("%v encodes as %v (%v), want null", cf, v, err)
		}
	}
	var cf devrev.CustomFields
	if err := json.Unmarshal([]byte(`null`), &cf); err != nil || cf != nil {
		t.Errorf("null decodes as %v (%v)", cf, err)
	}
	// Not an object: no fields to show, refused with what was sent.
	if err := json.Unmarshal([]byte(`["tnt__region"]`), &cf); err == nil || !strings.Contains(err.Error(), "custom_fields") {
		t.Errorf("an array decodes with %v", err)
	}
}

// A list's custom_fields is an object of each item's by id: the items
// without any are no keys, items' fields may differ, and it is written as
// tftypes writes it; an empty object when no item has any, null when not
// selected.
func TestCustomFieldsByID(t *testing.T) {
	a, b, c := "don:a", "don:b", "don:c"
	ids := []*string{&a, &b, &c, nil}
	cfs := []devrev.CustomFields{
		{"tnt__region": "EMEA"}, nil, {"tnt__score": json.Number("4.5"), "tnt__region": "APAC"}, {"tnt__region": "AMER"},
	}
	want, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, tfValue(t, map[string]any{
		a: map[string]any(cfs[0]), c: map[string]any(cfs[2]),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got := appendCustomFieldsByID(nil, ids, cfs); string(got) != string(want.MsgPack) {
		t.Errorf("custom fields by id encode as\n%x\nwant tftypes'\n%x", got, want.MsgPack)
	}
	// No item with custom fields: an empty object; not selected (nil):
	// null.
	empty, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, tfValue(t, map[string]any{}))
	if err != nil {
		t.Fatal(err)
	}
	if got := appendCustomFieldsByID(nil, ids[1:2], cfs[1:2]); string(got) != string(empty.MsgPack) {
		t.Errorf("no item with custom fields encodes as %x, want tftypes' empty object %x", got, empty.MsgPack)
	}
	if v, err := decodeMsgPack(tftypes.DynamicPseudoType, appendCustomFieldsByID(nil, ids, nil)); err != nil || !v.IsNull() {
		t.Errorf("custom fields not selected: %v (%v), want null", v, err)
	}
}

// The filter sends each field's values with their types, and names what
// it cannot send.
func TestCustomFieldValuesFilter(t *testing.T) {
	tuple := tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number, tftypes.Bool}}
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tnt__x": tuple, "tnt__none": tftypes.List{ElementType: tftypes.String}}}
	v := tftypes.NewValue(obj, map[string]tftypes.Value{
		"tnt__x": tftypes.NewValue(tuple, []tftypes.Value{tftypes.NewValue(tftypes.String, "EMEA"),
			tftypes.NewValue(tftypes.Number, big.NewFloat(2.5)), tftypes.NewValue(tftypes.Bool, true)}),
		"tnt__none": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{}),
	})
	f, err := readCustomFieldFilter(v)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(devrev.WorkFilter{CustomFields: f})
	if want := `{"custom_fields":{"tnt__none":[],"tnt__x":["EMEA",2.5,true]}}`; string(body) != want {
		t.Errorf("sent %s, want %s", body, want)
	}
	if !(devrev.WorkFilter{CustomFields: f}).MatchesNothing() {
		t.Error("a field with no values does not match nothing")
	}
	if (devrev.WorkFilter{CustomFields: devrev.CustomFieldFilter{"tnt__x": {"a"}}}).MatchesNothing() {
		t.Error("a field with a value matches nothing")
	}
	for _, bad := range []struct {
		v    tftypes.Value
		want string
	}{
		{tftypes.NewValue(tftypes.String, "x"), "must be an object"},
		{tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tnt__x": tftypes.String}},
			map[string]tftypes.Value{"tnt__x": tftypes.NewValue(tftypes.String, "a")}), "tnt__x must be a list"},
		{tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"tnt__x": tftypes.List{ElementType: tftypes.String}}},
			map[string]tftypes.Value{"tnt__x": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, nil)})}), "tnt__x: a null value"},
	} {
		if _, err := readCustomFieldFilter(bad.v); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: error %v, want %q", bad.v, err, bad.want)
		}
	}
}
