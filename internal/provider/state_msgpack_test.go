package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The streamed state holds what the local API served, for every size
// that changes the array header and for arguments of every type: each
// argument as configured, each item attribute by attribute as its JSON
// says (expectDecoded, the acceptance tests' check), the ids in order, the
// cursor, and the maps of the users and parents the items name.
func TestEngagementsStateHoldsTheAnswer(t *testing.T) {
	servedEngs := localapi.Generate(4, 300)
	seeded := decodeAsClient(t, servedEngs)
	var servedJSON []any
	if data, err := json.Marshal(servedEngs); err != nil || json.Unmarshal(data, &servedJSON) != nil {
		t.Fatalf("the served engagements as JSON: %v", err)
	}
	_, obj := engagementsList.schemaAndType()
	strs := func(t tftypes.Type, vs ...string) tftypes.Value {
		elems := make([]tftypes.Value, len(vs))
		for i, v := range vs {
			elems[i] = tftypes.NewValue(tftypes.String, v)
		}
		return tftypes.NewValue(t, elems)
	}
	configs := map[string]func(map[string]tftypes.Value){
		"no arguments": func(map[string]tftypes.Value) {},
		"every argument": func(a map[string]tftypes.Value) {
			a["type"] = strs(tftypes.Set{ElementType: tftypes.String}, "meeting", "call")
			a["parent"] = strs(tftypes.Set{ElementType: tftypes.String}, "ACC-1")
			a["members"] = strs(tftypes.Set{ElementType: tftypes.String}, "DEVU-1", "REVU-2")
			a["external_ref"] = strs(tftypes.Set{ElementType: tftypes.String}, "x")
			a["sort_by"] = strs(tftypes.List{ElementType: tftypes.String}, "created_date:desc")
			a["mode"] = tftypes.NewValue(tftypes.String, "before")
			a["cursor"] = tftypes.NewValue(tftypes.String, "abc")
			a["limit"] = tftypes.NewValue(tftypes.Number, 70000)
			a["page_size"] = tftypes.NewValue(tftypes.Number, 100)
		},
	}
	next := "next-cursor"
	for name, set := range configs {
		args := nullAttrs(obj)
		set(args)
		config := tftypes.NewValue(obj, args)
		for _, n := range []int{0, 1, 15, 16, 300} {
			t.Run(fmt.Sprintf("%s/%d", name, n), func(t *testing.T) {
				w := &devrev.Window[devrev.Engagement]{Items: make([]devrev.Engagement, n), NextCursor: &next}
				want := make([]any, n)
				for i := range n {
					w.Items[i] = seeded[i%len(seeded)]
					want[i] = servedJSON[i%len(servedJSON)]
				}
				want = withoutLongTexts(want) // `attributes` is unset
				got, _, err := engagementsList.stateMsgPack(config, w, math.MaxInt64)
				if err != nil {
					t.Fatal(err)
				}
				state, err := decodeMsgPack(obj, got)
				if err != nil {
					t.Fatalf("the state does not decode with the schema's type: %v", err)
				}
				var attrs map[string]tftypes.Value
				_ = state.As(&attrs)
				for name, v := range args {
					if name != "engagements" && name != "ids" && name != "users" && name != "parents" &&
						name != nextCursorAttribute && name != prevCursorAttribute && !attrs[name].Equal(v) {
						t.Errorf("argument %s is %v in state, configured %v", name, attrs[name], v)
					}
				}
				if err := knownvalue.StringExact(next).CheckValue(stateJSON(attrs[nextCursorAttribute])); err != nil {
					t.Errorf("next_cursor: %v", err)
				}
				if !attrs[prevCursorAttribute].IsNull() {
					t.Errorf("prev_cursor is %v, want null", attrs[prevCursorAttribute])
				}
				items := make([]knownvalue.Check, n)
				for i := range want {
					items[i] = expectEngagement(want[i])
				}
				if err := knownvalue.ListExact(items).CheckValue(stateJSON(attrs["engagements"])); err != nil {
					t.Errorf("the engagements are not those served: %v", err)
				}
				if err := knownvalue.ListExact(idChecks(want)).CheckValue(stateJSON(attrs[idsAttribute])); err != nil {
					t.Errorf("ids: %v", err)
				}
				for _, k := range kindsNamed(engagementObject.typ) {
					if err := expectRefs(want, engagementObject.typ, k).CheckValue(stateJSON(attrs[k.attribute])); err != nil {
						t.Errorf("%s: %v", k.attribute, err)
					}
				}
			})
		}
	}
}

// The container headers match tftypes' own at every size where their
// encoding changes (the states above only reach the smaller ones).
func TestMsgPackHeadersMatchTFTypes(t *testing.T) {
	null := tftypes.NewValue(tftypes.String, nil)
	for _, n := range []int{0, 1, 15, 16, 255, 65535, 65536, 70000} {
		elems := make([]tftypes.Value, n)
		for i := range elems {
			elems[i] = null
		}
		list := tftypes.List{ElementType: tftypes.String}
		dv, err := tfprotov6.NewDynamicValue(list, tftypes.NewValue(list, elems))
		if err != nil {
			t.Fatal(err)
		}
		header := appendArrayHeader(nil, n)
		if !bytes.Equal(dv.MsgPack[:len(header)], header) || len(dv.MsgPack) != len(header)+n {
			t.Errorf("array of %d: header % x, tftypes wrote % x…", n, header, dv.MsgPack[:min(len(dv.MsgPack), 5)])
		}
	}
	for _, n := range []int{0, 1, 15, 16, 17} {
		attrTypes, attrs := map[string]tftypes.Type{}, map[string]tftypes.Value{}
		for i := range n {
			name := fmt.Sprintf("a%02d", i)
			attrTypes[name], attrs[name] = tftypes.String, null
		}
		obj := tftypes.Object{AttributeTypes: attrTypes}
		dv, err := tfprotov6.NewDynamicValue(obj, tftypes.NewValue(obj, attrs))
		if err != nil {
			t.Fatal(err)
		}
		header := appendMapHeader(nil, n)
		if !bytes.Equal(dv.MsgPack[:len(header)], header) {
			t.Errorf("object of %d: header % x, tftypes wrote % x…", n, header, dv.MsgPack[:min(len(dv.MsgPack), 5)])
		}
	}
}

// Strings and whole numbers are written as tftypes writes them, at every
// length and value where the encoding changes. (The states the other tests
// encode hold only short strings and small numbers.)
func TestMsgPackScalarsMatchTFTypes(t *testing.T) {
	encode := func(typ tftypes.Type, v any) []byte {
		t.Helper()
		dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, v))
		if err != nil {
			t.Fatal(err)
		}
		return dv.MsgPack
	}
	for _, n := range []int{0, 1, 31, 32, 255, 256, 65535, 65536} {
		s := strings.Repeat("é", n/2) + strings.Repeat("x", n%2)
		if got, want := appendString(nil, s), encode(tftypes.String, s); !bytes.Equal(got, want) {
			t.Errorf("string of %d bytes: % x…, tftypes wrote % x…", len(s), got[:min(len(got), 5)], want[:min(len(want), 5)])
		}
	}
	if got, want := appendNil(nil), encode(tftypes.String, nil); !bytes.Equal(got, want) {
		t.Errorf("null: % x, tftypes wrote % x", got, want)
	}
	for _, n := range []int64{0, 1, 127, 128, 255, 256, 65535, 65536, math.MaxUint32, math.MaxUint32 + 1, math.MaxInt64,
		-1, -32, -33, -128, -129, -32768, -32769, math.MinInt32, math.MinInt32 - 1, math.MinInt64} {
		if got, want := appendInt(nil, n), encode(tftypes.Number, new(big.Float).SetInt64(n)); !bytes.Equal(got, want) {
			t.Errorf("%d: % x, tftypes wrote % x", n, got, want)
		}
	}
}

// decodeAsClient turns the local API's engagements into what the client
// decodes from its JSON.
func decodeAsClient(t *testing.T, engs []localapi.Engagement) []devrev.Engagement {
	t.Helper()
	data, err := json.Marshal(engs)
	if err != nil {
		t.Fatal(err)
	}
	var out []devrev.Engagement
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The room set aside for the items grows with what was read, never by a
// guess from the first item: a long first title among short ones once
// reserved the first item's size for every other item.
func TestStateRoomGrowsWithWhatWasRead(t *testing.T) {
	_, obj := engagementsList.schemaAndType()
	config := tftypes.NewValue(obj, nullAttrs(obj))
	const n = 1000
	long := strings.Repeat("x", 100<<10)
	w := &devrev.Window[devrev.Engagement]{Items: make([]devrev.Engagement, n)}
	var answer int64 // about what the answers held: each item's JSON
	for i := range w.Items {
		id, title := fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d", i), fmt.Sprintf("Engagement %d", i)
		if i == 0 {
			title = long
		}
		w.Items[i] = devrev.Engagement{ID: &id, Title: &title}
		b, _ := json.Marshal(w.Items[i])
		answer += int64(len(b))
	}
	state, _, err := engagementsList.stateMsgPack(config, w, answer)
	if err != nil {
		t.Fatal(err)
	}
	if bound := 2 * (len(state) + int(answer)); cap(state) > bound {
		t.Errorf("the state's buffer holds %d bytes for a state of %d from %d bytes of answers; want at most %d",
			cap(state), len(state), answer, bound)
	}
}

// The same answer gives the same state, byte for byte: the maps of the
// objects the items name are written in id order (tftypes wrote them in
// Go's random map order, so a state was one of many encodings).
func TestSameAnswerSameStateBytes(t *testing.T) {
	seeded := decodeAsClient(t, localapi.Generate(4, 300))
	_, obj := engagementsList.schemaAndType()
	config := nullValue(obj)
	var first []byte
	for i := range 5 {
		w := &devrev.Window[devrev.Engagement]{Items: slices.Clone(seeded)}
		state, _, err := engagementsList.stateMsgPack(config, w, math.MaxInt64)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = state
		} else if !bytes.Equal(state, first) {
			t.Fatalf("read %d of the same answer encoded the state differently", i+1)
		}
	}
}
