package provider

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The protocol sends state as msgpack. Building the whole state as one
// tftypes.Value and encoding it at the end keeps every engagement's value
// tree alive at once, beside the decoded pages and the encoded bytes
// (tools/performance.md, "What the profiles show", peak RSS). And tftypes
// pays a map and an interface per attribute to build the tree, then a sort
// of the attribute names per object to encode it: most of the floor's time
// in tools/performance.md's "Per engagement" table, paid on every plan
// while the CLI waits.
//
// encodeState instead writes the state object's msgpack itself, for every
// data source (list, singular and count alike): the arguments through
// tftypes (a few small values), everything read from DevRev straight from
// the wire type, by the encoders object.go declares once per field kind.
// This file holds the msgpack primitives they use, written exactly as
// tftypes' own msgpack library writes them: state_msgpack_test.go checks
// them byte for byte against tftypes, and every state decodes with its
// schema's type (decodeMsgPack) in the tests that read data sources.

// encodeState encodes the state object of type typ: each attribute named
// in streamed by its function, every other one from attrs through tftypes.
func encodeState(typ tftypes.Object, attrs map[string]tftypes.Value, streamed map[string]func([]byte) []byte) ([]byte, error) {
	names := make([]string, 0, len(typ.AttributeTypes))
	for name := range typ.AttributeTypes {
		names = append(names, name)
	}
	slices.Sort(names) // msgpack objects are written in key order, as tftypes does

	buf := appendMapHeader(nil, len(names))
	for _, name := range names {
		buf = appendString(buf, name)
		if write, ok := streamed[name]; ok {
			buf = write(buf)
			continue
		}
		dv, err := tfprotov6.NewDynamicValue(typ.AttributeTypes[name], attrs[name])
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", name, err)
		}
		buf = append(buf, dv.MsgPack...)
	}
	return buf, nil
}

// decodeMsgPack decodes b, msgpack written by this file's encoders, as a
// value of typ: the one way from an encoded value to a tftypes value, for
// the framework's Read and for the tests.
func decodeMsgPack(typ tftypes.Type, b []byte) (tftypes.Value, error) {
	return (&tfprotov6.DynamicValue{MsgPack: b}).Unmarshal(typ)
}

// appendNil writes msgpack nil: a null value of any type.
func appendNil(b []byte) []byte { return append(b, 0xc0) }

// appendBoolPtr writes msgpack true or false; nil is null.
func appendBoolPtr(b []byte, v *bool) []byte {
	switch {
	case v == nil:
		return appendNil(b)
	case *v:
		return append(b, 0xc3) // msgpack true
	}
	return append(b, 0xc2) // msgpack false
}

// appendString writes a msgpack string with the shortest length header.
func appendString(b []byte, s string) []byte {
	switch n := len(s); {
	case n < 32:
		b = append(b, 0xa0|byte(n))
	case n < 256:
		b = append(b, 0xd9, byte(n))
	case n <= 0xffff:
		b = binary.BigEndian.AppendUint16(append(b, 0xda), uint16(n))
	default:
		b = binary.BigEndian.AppendUint32(append(b, 0xdb), uint32(n))
	}
	return append(b, s...)
}

// appendInt writes a whole number in the fewest bytes, as tftypes writes a
// Number that is an exact int64: a positive fixint or the smallest unsigned
// form for n >= 0, a negative fixint or the smallest signed form below.
func appendInt(b []byte, n int64) []byte {
	switch {
	case n >= 0 && n <= math.MaxInt8:
		return append(b, byte(n))
	case n >= 0 && n <= math.MaxUint8:
		return append(b, 0xcc, byte(n))
	case n >= 0 && n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, 0xcd), uint16(n))
	case n >= 0 && n <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(b, 0xce), uint32(n))
	case n >= 0:
		return binary.BigEndian.AppendUint64(append(b, 0xcf), uint64(n))
	case n >= -32:
		return append(b, byte(n))
	case n >= math.MinInt8:
		return append(b, 0xd0, byte(n))
	case n >= math.MinInt16:
		return binary.BigEndian.AppendUint16(append(b, 0xd1), uint16(n))
	case n >= math.MinInt32:
		return binary.BigEndian.AppendUint32(append(b, 0xd2), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xd3), uint64(n))
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
