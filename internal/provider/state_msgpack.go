package provider

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The protocol sends state as msgpack. Building the whole state as one
// tftypes.Value and encoding it at the end keeps every engagement's value
// tree alive at once: at 50,000 engagements that tree, the decoded pages and
// the encoded bytes together took the provider past 750 MiB. encodeState
// instead writes the state object's msgpack itself, one attribute at a time,
// and encodes each engagement's value as soon as it is built, so only one
// engagement's tree exists at a time.
//
// Every value is still encoded by tftypes (tfprotov6.NewDynamicValue); this
// file writes only the two container headers around them — the object's map
// header and the engagements array header — in the encoding tftypes' own
// msgpack library uses. state_msgpack_test.go checks the result byte for
// byte against encoding the whole tree.

// encodeState encodes the state object of type typ whose attributes are
// attrs, except for the list attribute listAttr, whose n elements of type
// elem are produced by element(i) and encoded one by one.
func encodeState(typ tftypes.Object, attrs map[string]tftypes.Value, listAttr string, n int, elem tftypes.Type, element func(i int) tftypes.Value) ([]byte, error) {
	names := make([]string, 0, len(typ.AttributeTypes))
	for name := range typ.AttributeTypes {
		names = append(names, name)
	}
	slices.Sort(names) // msgpack objects are written in key order, as tftypes does

	buf := appendMapHeader(nil, len(names))
	encode := func(t tftypes.Type, v tftypes.Value) error {
		dv, err := tfprotov6.NewDynamicValue(t, v)
		if err == nil {
			buf = append(buf, dv.MsgPack...)
		}
		return err
	}
	for _, name := range names {
		if err := encode(tftypes.String, tftypes.NewValue(tftypes.String, name)); err != nil {
			return nil, err
		}
		if name != listAttr {
			if err := encode(typ.AttributeTypes[name], attrs[name]); err != nil {
				return nil, fmt.Errorf("encoding %s: %w", name, err)
			}
			continue
		}
		buf = appendArrayHeader(buf, n)
		for i := range n {
			start := len(buf)
			if err := encode(elem, element(i)); err != nil {
				return nil, fmt.Errorf("encoding %s[%d]: %w", name, i, err)
			}
			if i == 0 && n > 1 {
				// Make room for the rest at once, estimated from the first
				// item, rather than let append double the buffer: at the
				// last doubling the old and the new buffer are both alive,
				// half again the state's size in memory at its peak.
				buf = slices.Grow(buf, (len(buf)-start)*(n-1)*9/8)
			}
		}
	}
	return buf, nil
}

// appendMapHeader writes a msgpack map header for n entries.
func appendMapHeader(b []byte, n int) []byte {
	switch {
	case n < 16:
		return append(b, 0x80|byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, 0xde), uint16(n))
	default:
		return binary.BigEndian.AppendUint32(append(b, 0xdf), uint32(n))
	}
}

// appendArrayHeader writes a msgpack array header for n elements.
func appendArrayHeader(b []byte, n int) []byte {
	switch {
	case n < 16:
		return append(b, 0x90|byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, 0xdc), uint16(n))
	default:
		return binary.BigEndian.AppendUint32(append(b, 0xdd), uint32(n))
	}
}
