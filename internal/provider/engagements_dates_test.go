package provider

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// dateRangeValue is a configured { after, before } ("" leaves a bound
// unset) of typeName's argument name.
func dateRangeValue(t *testing.T, p *inProcess, typeName, name, after, before string) tftypes.Value {
	t.Helper()
	typ, ok := p.configType(t, typeName).AttributeTypes[name]
	if !ok {
		t.Fatalf("%s has no argument %s", typeName, name)
	}
	bound := func(s string) tftypes.Value {
		if s == "" {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(typ, map[string]tftypes.Value{boundAfter: bound(after), boundBefore: bound(before)})
}

// stateStrings reads a state's list of strings (ids).
func stateStrings(t *testing.T, v tftypes.Value) []string {
	t.Helper()
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		if err := e.As(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// parseTime parses a local API date: the tests decide what is in a range
// with time.Parse, not with the provider's own check.
func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}

// idsDiffer says where two lists of ids part.
func idsDiffer(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("item %d is %s, want %s", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("one list ends after %d items", min(len(got), len(want)))
}

// readInWindows reads typeName with args and limit, each read from the
// one before's next_cursor, until next_cursor is null; each read but the
// last must hold limit items. It returns the ids in order.
func readInWindows(t *testing.T, p *inProcess, typeName string, args map[string]tftypes.Value, limit int) []string {
	t.Helper()
	var ids []string
	args["limit"] = tftypes.NewValue(tftypes.Number, limit)
	for n := 1; ; n++ {
		state, diags := p.read(t, typeName, args)
		if state == nil {
			t.Fatalf("read %d: %v", n, diags)
		}
		got := stateStrings(t, state["ids"])
		ids = append(ids, got...)
		if state["next_cursor"].IsNull() {
			return ids
		}
		if len(got) != limit {
			t.Fatalf("read %d: %d %s and a next_cursor, want limit = %d", n, len(got), typeName, limit)
		}
		args["cursor"] = state["next_cursor"]
	}
}

// The user's view of a date range on engagements, in plain go test: "the
// last so many days" with limit = 15 comes in windows of 15 engagements in
// the range, newest first, that add up to exactly the engagements in it;
// the count says how many; and no request sends the range. Works with a
// range DevRev ignores come in windows of limit works in the range too.
func TestDateRangesInProcess(t *testing.T) {
	const limit = 15
	api := startAPI(t, localapi.Options{Seed: 13, Counts: map[string]int{"engagements": 500, "works": 300}, IgnoreDateFilters: []string{"works"}})
	p := newInProcess(t, api.URL)

	t.Run("engagements", func(t *testing.T) {
		// The engagements created from a quarter of the way down the list
		// (newest first) on, newest first.
		all := localapi.Items[localapi.Engagement](api.Server, "engagements") // created_date ascending
		slices.Reverse(all)
		after := all[len(all)/4].CreatedDate
		var want []string
		for _, e := range all {
			if !parseTime(t, e.CreatedDate).Before(parseTime(t, after)) {
				want = append(want, e.ID)
			}
		}
		api.ResetRequests()
		got := readInWindows(t, p, "devrev_engagements", map[string]tftypes.Value{
			"created_date": dateRangeValue(t, p, "devrev_engagements", "created_date", after, ""),
		}, limit)
		if !slices.Equal(got, want) {
			t.Errorf("devrev_engagements: %d engagements, want the %d created from %s on, newest first; %s", len(got), len(want), after, idsDiffer(got, want))
		}
		reqs := api.listRequests()
		if len(reqs) != (len(want)+limit-1)/limit {
			t.Errorf("%d engagements.list requests for %d windows of %d", len(reqs), (len(want)+limit-1)/limit, limit)
		}
		for _, b := range decodeBodies[map[string]any](t, reqs) {
			if _, ok := b["created_date"]; ok {
				t.Errorf("a request sends created_date, which engagements.list does not have: %v", b)
			}
			if s, _ := b["sort_by"].([]any); len(s) != 1 || s[0] != "created_date:desc" {
				t.Errorf("a request sorts by %v, want [created_date:desc]", b["sort_by"])
			}
		}

		state, diags := p.read(t, "devrev_engagements_count", map[string]tftypes.Value{
			"created_date": dateRangeValue(t, p, "devrev_engagements_count", "created_date", after, ""),
		})
		if state == nil {
			t.Fatalf("devrev_engagements_count: %v", diags)
		}
		var total big.Float
		if err := state["total"].As(&total); err != nil {
			t.Fatal(err)
		}
		if n, _ := total.Int64(); n != int64(len(want)) {
			t.Errorf("devrev_engagements_count: total %d, want %d, the list's length", n, len(want))
		}
	})
	t.Run("works", func(t *testing.T) {
		works := localapi.Items[localapi.Work](api.Server, "works")
		from, to := works[len(works)/3].CreatedDate, works[len(works)*2/3].CreatedDate
		var wantWorks []string
		for _, w := range works {
			if d := parseTime(t, w.CreatedDate); !d.Before(parseTime(t, from)) && !d.After(parseTime(t, to)) {
				wantWorks = append(wantWorks, w.ID)
			}
		}
		got := readInWindows(t, p, "devrev_works", map[string]tftypes.Value{
			"created_date": dateRangeValue(t, p, "devrev_works", "created_date", from, to),
		}, limit)
		if !slices.Equal(got, wantWorks) {
			t.Errorf("devrev_works: %d works, want the %d created from %s to %s; %s", len(got), len(wantWorks), from, to, idsDiffer(got, wantWorks))
		}
	})
}
