package provider

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Custom fields (`custom_fields` in DevRev's objects: `tnt__region`,
// `ctype__score`) are the organization's own, so their names and types are
// known only once DevRev answers: they are a Terraform dynamic value, an
// object whose attributes are typed as DevRev sent them (a string, a
// number, a bool, a tuple of them, as Terraform's jsondecode would type
// them), so that HCL compares a number as a number.
//
// The framework does not allow a dynamic type inside a list's element type,
// and a list's items must share one type while each item may have other
// fields. So an object declares its custom fields once (customFieldsField),
// and they are not one of its items' attributes:
//   - a singular data source (devrev_work) has a top-level `custom_fields`,
//     the object of the item's fields; null when it has none;
//   - a list data source (devrev_works) has a top-level `custom_fields`
//     keyed by item id, an object of objects (objects, not maps, so that
//     each item's may differ): custom_fields[w.id].tnt__region. Only the
//     items that have custom fields are in it; it is null when the
//     selection (`attributes`) leaves `custom_fields` out, as the maps of
//     summaries (`users`) are.
//
// A field DevRev sent as null is left out, as absent: a null needs a type,
// and DevRev's null has none. (A null inside a list is a null string.)

// customFieldsAttribute is the attribute's name in every data source whose
// object has custom fields, and the name `attributes` takes for it.
const customFieldsAttribute = "custom_fields"

// customFields is an object's declaration of its custom fields.
type customFields[T any] struct {
	get func(*T) devrev.CustomFields
}

// customFieldsField declares that the objects of T have custom fields,
// read by get; pass it to newObject with the other fields.
func customFieldsField[T any](get func(*T) devrev.CustomFields) field[T] {
	return field[T]{name: customFieldsAttribute, custom: &customFields[T]{get: get}}
}

// singularAttribute is the schema of a singular data source's
// `custom_fields`.
func (c *customFields[T]) singularAttribute(noun string) schema.Attribute {
	return schema.DynamicAttribute{Computed: true,
		MarkdownDescription: "The " + noun + "'s custom fields (DevRev's `custom_fields`, such as `tnt__region`): " +
			"an object of its fields, each typed as DevRev sent it (a string, a number, a bool, " +
			"or a tuple of them; a date is an RFC 3339 string). A field DevRev sent as null is left out. " +
			"Null when the " + noun + " has none."}
}

// listAttribute is the schema of a list data source's `custom_fields`.
func (c *customFields[T]) listAttribute(items, noun string) schema.Attribute {
	return schema.DynamicAttribute{Computed: true,
		MarkdownDescription: "The custom fields of the " + noun + " (DevRev's `custom_fields`, such as `tnt__region`), " +
			"by the id of each item of `" + items + "`: `" + customFieldsAttribute + "[x.id].tnt__region`. " +
			"Each is an object of the item's fields, typed as DevRev sent them (a string, a number, a bool, " +
			"or a tuple of them; a date is an RFC 3339 string); a field DevRev sent as null is left out. " +
			"Only the items that have custom fields are keys (use `try()` or `lookup()` for the others). " +
			"They are not attributes of the items themselves: a list's items share one type, " +
			"and each item's custom fields may differ. " +
			"An empty object when no item has any; null when `" + selectionArgument + "` leaves out `" + customFieldsAttribute + "`."}
}

// appendCustomFieldsDynamic appends cf as a msgpack dynamic value
// (appendDynamicObject); an object without fields (nil or empty) is null,
// which a dynamic value writes as nil.
func appendCustomFieldsDynamic(b []byte, cf devrev.CustomFields) []byte {
	if !hasFields(cf) {
		return appendNil(b)
	}
	return appendDynamicObject(b, map[string]any(cf))
}

// appendDynamicObject appends obj as a msgpack dynamic value, the form
// tftypes writes (marshalMsgPackDynamicPseudoType): a 2-element array of
// the type's JSON, as msgpack bin, and the value.
func appendDynamicObject(b []byte, obj map[string]any) []byte {
	b = appendArrayHeader(b, 2)
	b = appendBin(b, appendCustomType(nil, obj))
	return appendCustomValue(b, obj)
}

// hasFields reports whether cf has a field that is not null.
func hasFields(cf devrev.CustomFields) bool {
	for _, v := range cf {
		if v != nil {
			return true
		}
	}
	return false
}

// appendCustomFieldsByID appends, as a msgpack dynamic value, the object
// of each item's custom fields by its id: only the items with fields, so
// an empty object when none has any; null when cfs is nil (the selection
// leaves custom fields out), as a list's maps of summaries are.
func appendCustomFieldsByID(b []byte, ids []*string, cfs []devrev.CustomFields) []byte {
	if cfs == nil {
		return appendNil(b)
	}
	byID := map[string]any{}
	for i, cf := range cfs {
		if hasFields(cf) && ids[i] != nil {
			byID[*ids[i]] = map[string]any(cf)
		}
	}
	return appendDynamicObject(b, byID)
}

// appendBin writes msgpack bin (what tftypes writes a type's JSON as).
func appendBin(b, data []byte) []byte {
	switch n := len(data); {
	case n < 256:
		b = append(b, 0xc4, byte(n))
	case n <= 0xffff:
		b = binary.BigEndian.AppendUint16(append(b, 0xc5), uint16(n))
	default:
		b = binary.BigEndian.AppendUint32(append(b, 0xc6), uint32(n))
	}
	return append(b, data...)
}

// sortedNonNull are m's keys whose values are not null, sorted: an
// object's attributes, in the order tftypes writes them.
func sortedNonNull(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// appendCustomType appends the JSON of v's Terraform type, as tftypes
// writes it (Type.MarshalJSON): "string", "number", "bool",
// ["tuple",[...]], ["object",{...}] with sorted, JSON-quoted names.
func appendCustomType(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil, string:
		return append(b, `"string"`...)
	case json.Number:
		return append(b, `"number"`...)
	case bool:
		return append(b, `"bool"`...)
	case []any:
		b = append(b, `["tuple",[`...)
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCustomType(b, e)
		}
		return append(b, "]]"...)
	case map[string]any:
		b = append(b, `["object",{`...)
		for i, k := range sortedNonNull(v) {
			if i > 0 {
				b = append(b, ',')
			}
			name, _ := json.Marshal(k) // a string always marshals
			b = append(append(b, name...), ':')
			b = appendCustomType(b, v[k])
		}
		return append(b, "}]"...)
	}
	panic(fmt.Sprintf("custom field value of Go type %T", v)) // devrev.CustomFields decodes none other
}

// appendCustomValue appends v as msgpack of its type (appendCustomType).
func appendCustomValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return appendNil(b)
	case string:
		return appendString(b, v)
	case json.Number:
		return appendNumber(b, string(v))
	case bool:
		return appendBoolPtr(b, &v)
	case []any:
		b = appendArrayHeader(b, len(v))
		for _, e := range v {
			b = appendCustomValue(b, e)
		}
		return b
	case map[string]any:
		keys := sortedNonNull(v)
		b = appendMapHeader(b, len(keys))
		for _, k := range keys {
			b = appendCustomValue(appendString(b, k), v[k])
		}
		return b
	}
	panic(fmt.Sprintf("custom field value of Go type %T", v))
}

// appendNumber writes a JSON number as tftypes writes a Number
// (marshalMsgPackNumber): an int64 exactly as an integer, else a float64
// exactly as a double, else its decimal text, which Terraform reads back
// exactly. The text is parsed as tftypes parses a number's string (512
// bits), so a number too precise for a float64 keeps its digits.
func appendNumber(b []byte, text string) []byte {
	f, _, err := big.ParseFloat(text, 10, 512, big.ToNearestEven)
	if err != nil {
		// encoding/json has checked the syntax: not reached.
		return appendString(b, text)
	}
	if n, acc := f.Int64(); acc == big.Exact {
		return appendInt(b, n)
	}
	if x, acc := f.Float64(); acc == big.Exact && !f.IsInt() {
		return binary.BigEndian.AppendUint64(append(b, 0xcb), math.Float64bits(x))
	}
	return appendString(b, f.Text('f', -1))
}

// customFieldFilter is the `custom_fields` filter, as the argument
// `custom_field_values` (`custom_fields` is the read fields' attribute): an
// object (or map) from a field's full name to the values any of which it
// may have, strings, numbers or bools, sent with their types. A field
// with an empty list matches nothing.
func customFieldFilter[F any](noun string, dst func(*F) *devrev.CustomFieldFilter) filter[F] {
	name := customFieldValuesArgument
	return filter[F]{name: name,
		attr: schema.DynamicAttribute{Optional: true,
			MarkdownDescription: "Only " + noun + " whose custom fields have one of the given values: an object from a field's " +
				"full name to a list of values, such as `{ tnt__region = [\"EMEA\", \"APAC\"], tnt__score = [3] }`; " +
				"each value a string, a number or a bool, as the field's type is. Every field named must match. " +
				"Sent as `custom_fields`. Unset (null) does not filter; a field with an empty list matches nothing: " +
				"the result is empty (a count is 0) and DevRev is not asked.",
			Validators: []validator.Dynamic{customFieldValuesValidator{}}},
		read: func(v tftypes.Value, f *F) error {
			cf, err := readCustomFieldFilter(v)
			if err == nil && cf != nil {
				*dst(f) = cf
			}
			return err
		}}
}

// customFieldValuesArgument is the custom fields filter's argument.
const customFieldValuesArgument = "custom_field_values"

// readCustomFieldFilter reads a configured custom fields filter: nil when
// null. A value that is not an object (or map) of lists (or sets, or
// tuples) of strings, numbers and bools is an error that says which.
func readCustomFieldFilter(v tftypes.Value) (devrev.CustomFieldFilter, error) {
	if v.IsNull() {
		return nil, nil
	}
	if !v.IsFullyKnown() {
		return nil, fmt.Errorf("its value is not known yet")
	}
	if !v.Type().Is(tftypes.Object{}) && !v.Type().Is(tftypes.Map{}) {
		return nil, fmt.Errorf("it must be an object from a custom field's name to a list of values, not a %s", typeWord(v.Type()))
	}
	var fields map[string]tftypes.Value
	if err := v.As(&fields); err != nil {
		return nil, err
	}
	out := make(devrev.CustomFieldFilter, len(fields))
	for name, list := range fields {
		t := list.Type()
		if list.IsNull() || !(t.Is(tftypes.List{}) || t.Is(tftypes.Set{}) || t.Is(tftypes.Tuple{})) {
			return nil, fmt.Errorf("%s must be a list of values (a field's values, any of which matches), not a %s", name, typeWord(t))
		}
		var elems []tftypes.Value
		if err := list.As(&elems); err != nil {
			return nil, err
		}
		values := make([]any, 0, len(elems))
		for _, e := range elems {
			val, err := customFilterValue(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			values = append(values, val)
		}
		out[name] = values
	}
	return out, nil
}

// customFilterValue is one configured value, as JSON sends it.
func customFilterValue(e tftypes.Value) (any, error) {
	if e.IsNull() {
		return nil, fmt.Errorf("a null value cannot be sent to DevRev")
	}
	switch t := e.Type(); {
	case t.Is(tftypes.String):
		var s string
		err := e.As(&s)
		return s, err
	case t.Is(tftypes.Bool):
		var b bool
		err := e.As(&b)
		return b, err
	case t.Is(tftypes.Number):
		var f big.Float
		if err := e.As(&f); err != nil {
			return nil, err
		}
		if f.IsInf() {
			return nil, fmt.Errorf("an infinite number cannot be sent to DevRev")
		}
		return json.Number(f.Text('g', -1)), nil
	default:
		return nil, fmt.Errorf("each value must be a string, a number or a bool, not a %s", typeWord(t))
	}
}

// typeWord names a Terraform type in an error message.
func typeWord(t tftypes.Type) string {
	switch {
	case t.Is(tftypes.Object{}):
		return "object"
	case t.Is(tftypes.Map{}):
		return "map"
	case t.Is(tftypes.List{}), t.Is(tftypes.Tuple{}):
		return "list"
	case t.Is(tftypes.Set{}):
		return "set"
	}
	return strings.ToLower(t.String())
}

// customFieldValuesValidator checks the filter at plan time, with the same
// reader the read uses.
type customFieldValuesValidator struct{}

func (customFieldValuesValidator) Description(context.Context) string {
	return "an object from a custom field's name to a list of strings, numbers or bools"
}

func (v customFieldValuesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (customFieldValuesValidator) ValidateDynamic(ctx context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueUnknown() ||
		req.ConfigValue.IsUnderlyingValueNull() {
		return
	}
	tv, err := req.ConfigValue.UnderlyingValue().ToTerraformValue(ctx)
	if err != nil || !tv.IsFullyKnown() {
		return
	}
	if _, err := readCustomFieldFilter(tv); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), fmt.Sprintf("Could not read `%s`: %v.", req.Path, err))
	}
}
