package provider

import (
	"encoding/json"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The tests' ways to look at what the encoders write: each decodes the
// msgpack with the schema's type (decodeMsgPack), as the CLI and the
// framework's Read do, so a value that does not decode fails the test.

// value is t as a value of o.typ; nil is null.
func (o *object[T]) value(t *T) tftypes.Value { return o.selectedValue(t, nil) }

// selectedValue is t as a value of o.typ with the fields sel leaves out
// null.
func (o *object[T]) selectedValue(t *T, sel selection) tftypes.Value {
	v, err := decodeMsgPack(o.typ, o.appendSelectedMsgPack(nil, t, sel))
	if err != nil {
		panic(err)
	}
	return v
}

// listValue is ts as a list of o.typ; nil is null.
func (o *object[T]) listValue(ts []T) tftypes.Value {
	v, err := decodeMsgPack(tftypes.List{ElementType: o.typ}, o.appendListMsgPack(nil, ts))
	if err != nil {
		panic(err)
	}
	return v
}

// refValues are the maps refState writes, decoded, by attribute name.
func (o *object[T]) refValues(ts []T, sel selection, id func(*T) *string, what string) (map[string]tftypes.Value, []string, error) {
	writers, warnings, err := o.refState(ts, sel, id, what)
	if err != nil {
		return nil, nil, err
	}
	vals := make(map[string]tftypes.Value, len(writers))
	for _, k := range o.refKinds() {
		v, err := decodeMsgPack(k.typ, writers[k.attribute](nil))
		if err != nil {
			return nil, nil, err
		}
		vals[k.attribute] = v
	}
	return vals, warnings, nil
}

// stateJSON is v as Terraform's JSON state shows it (json.Number for a
// number, nil for null), for the knownvalue checks the acceptance tests
// run on the CLI's state (expectDecoded, expectRefs).
func stateJSON(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.Object{}), v.Type().Is(tftypes.Map{}):
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		out := make(map[string]any, len(attrs))
		for k, a := range attrs {
			out[k] = stateJSON(a)
		}
		return out
	case v.Type().Is(tftypes.List{}), v.Type().Is(tftypes.Set{}), v.Type().Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		out := make([]any, len(elems))
		for i, e := range elems {
			out[i] = stateJSON(e)
		}
		return out
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return json.Number(f.Text('f', -1))
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	}
	var s string
	_ = v.As(&s)
	return s
}
