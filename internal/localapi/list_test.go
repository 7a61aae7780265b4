package localapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

var sortCases = [][]string{
	nil, // default: created_date:asc
	{"created_date:asc"},
	{"created_date"}, // a bare field means asc
	{"created_date:desc"},
	{"modified_date:asc"},
	{"modified_date:desc"},
	{"modified_date:desc", "created_date:asc"},
	{"created_date:desc", "created_date:asc"}, // repeated field: the second cannot break ties
}

// pageAll follows cursors from the start (mode after) or the end (mode
// before) with readAll and returns the engagements in sort order.
func pageAll(t *testing.T, base string, req map[string]any, before bool) []Engagement {
	t.Helper()
	var all []Engagement
	for _, raw := range readAll(t, base, "/engagements.list", "engagements", req, before) {
		var e Engagement
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		all = append(all, e)
	}
	return all
}

func TestPagingReconstructsEverySort(t *testing.T) {
	s, base := start(t, Options{Seed: 3, Counts: map[string]int{"engagements": 257}})
	store := Items[Engagement](s, "engagements")
	for _, sc := range sortCases {
		for _, before := range []bool{false, true} {
			name := fmt.Sprintf("%v/before=%v", sc, before)
			t.Run(name, func(t *testing.T) {
				req := map[string]any{"limit": 13}
				if sc != nil {
					req["sort_by"] = sc
				}
				got := pageAll(t, base, req, before)
				want := expectedOrder(t, store, sc...)
				if !slices.Equal(ids(got), ids(want)) {
					t.Fatalf("paged order differs from expected (%d vs %d items)", len(got), len(want))
				}
				// Pages carry the pre-rendered engagement unchanged.
				for i := range got {
					if !engagementEqual(got[i], want[i]) {
						t.Fatalf("item %d differs:\n got %+v\nwant %+v", i, got[i], want[i])
					}
				}
			})
		}
	}
}

// engagementEqual compares the serialised fields (Members and Parents are
// not on the wire).
func engagementEqual(a, b Engagement) bool {
	a.Members, a.Parents, b.Members, b.Parents = nil, nil, nil, nil
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func TestStoreOrderHasTiesAndMixedFormats(t *testing.T) {
	s := New(Options{Seed: 1, Counts: map[string]int{"engagements": 300}})
	es := Items[Engagement](s, "engagements")
	ties, withMs, withoutMs := 0, 0, 0
	for i, e := range es {
		if strings.Contains(e.CreatedDate, ".") {
			withMs++
		} else {
			withoutMs++
		}
		if i == 0 {
			continue
		}
		prev := es[i-1]
		c := instant(t, prev.CreatedDate).Compare(instant(t, e.CreatedDate))
		if c > 0 || (c == 0 && prev.ID >= e.ID) {
			t.Fatalf("Engagements() not in created_date, id order at %d", i)
		}
		if c == 0 {
			ties++
		}
	}
	if ties == 0 || withMs == 0 || withoutMs == 0 {
		t.Fatalf("seeded data lacks edge cases: ties=%d withMs=%d withoutMs=%d", ties, withMs, withoutMs)
	}
	if !slices.Equal(ids(es), ids(expectedOrder(t, es))) {
		t.Fatal("Engagements() order differs from the default sort")
	}
}

func TestPageWindows(t *testing.T) {
	s, base := start(t, Options{Seed: 9, Counts: map[string]int{"engagements": 30}})
	all := ids(Items[Engagement](s, "engagements"))

	first := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10}))
	if !slices.Equal(ids(first.Engagements), all[:10]) || first.NextCursor == nil || first.PrevCursor != nil {
		t.Fatalf("first page wrong: %v next=%v prev=%v", ids(first.Engagements), first.NextCursor, first.PrevCursor)
	}
	second := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "cursor": *first.NextCursor}))
	if !slices.Equal(ids(second.Engagements), all[10:20]) || second.NextCursor == nil || second.PrevCursor == nil {
		t.Fatalf("second page wrong")
	}
	// prev_cursor of page 2 with mode before gives page 1 again.
	back := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "mode": "before", "cursor": *second.PrevCursor}))
	if !slices.Equal(ids(back.Engagements), all[:10]) || back.PrevCursor != nil || back.NextCursor == nil {
		t.Fatalf("back page wrong: %v prev=%v", ids(back.Engagements), back.PrevCursor)
	}
	// Mode before from the end: the last items, still ascending.
	last := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 4, "mode": "before"}))
	if !slices.Equal(ids(last.Engagements), all[26:]) || last.NextCursor != nil || last.PrevCursor == nil {
		t.Fatalf("last page wrong: %v", ids(last.Engagements))
	}
	// Mode before with a cursor near the start: [max(0, p-limit), p).
	two := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 2}))
	head := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 5, "mode": "before", "cursor": *two.NextCursor}))
	if !slices.Equal(ids(head.Engagements), all[:2]) || head.PrevCursor != nil || head.NextCursor == nil {
		t.Fatalf("head page wrong: %v", ids(head.Engagements))
	}
	// Mode before with a cursor at the start: nothing before, next points on.
	none := decodeList(t, post(t, base, "/engagements.list", map[string]any{"mode": "before", "cursor": s.table("engagements").encodeCursor(defaultSort, 0)}))
	if len(none.Engagements) != 0 || none.PrevCursor != nil || none.NextCursor == nil {
		t.Fatalf("page before the start: %+v", none)
	}
	// Exactly the end: a page ending at the last item has no next_cursor.
	third := decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 10, "cursor": *second.NextCursor}))
	if !slices.Equal(ids(third.Engagements), all[20:]) || third.NextCursor != nil || third.PrevCursor == nil {
		t.Fatalf("third page wrong")
	}
}

func TestLimits(t *testing.T) {
	_, base := start(t, Options{Seed: 2, Counts: map[string]int{"engagements": 250}})
	if n := len(decodeList(t, post(t, base, "/engagements.list", map[string]any{})).Engagements); n != 50 {
		t.Fatalf("default page size = %d, want 50", n)
	}
	if n := len(decodeList(t, post(t, base, "/engagements.list", map[string]any{"limit": 100})).Engagements); n != 100 {
		t.Fatalf("limit 100 gave %d", n)
	}
	if n := len(decodeList(t, get(t, base, "/engagements.list?limit=1")).Engagements); n != 1 {
		t.Fatalf("limit 1 gave %d", n)
	}
}

func TestEmptyResults(t *testing.T) {
	_, base := start(t, Options{Data: map[string]any{"engagements": []Engagement{}}})
	for _, r := range []response{
		post(t, base, "/engagements.list", map[string]any{}),
		post(t, base, "/engagements.list", map[string]any{"mode": "before"}),
		get(t, base, "/engagements.list"),
	} {
		if string(r.body) != `{"engagements":[]}` {
			t.Fatalf("empty store list = %s", r.body)
		}
	}
	if r := post(t, base, "/engagements.count", map[string]any{}); string(r.body) != `{"count":0}` {
		t.Fatalf("count = %s", r.body)
	}

	_, base = start(t, Options{Counts: map[string]int{"engagements": 40}})
	r := post(t, base, "/engagements.list", map[string]any{"external_ref": []string{"no-such-ref"}})
	if string(r.body) != `{"engagements":[]}` {
		t.Fatalf("no match list = %s", r.body)
	}
}

// filterCase is a filter plus an independent predicate for the expectation.
type filterCase struct {
	name  string
	body  map[string]any
	query string
	want  func(e Engagement) bool
}

func anyOf(vals []string, set ...string) bool {
	for _, v := range vals {
		for _, s := range set {
			if strings.EqualFold(v, s) {
				return true
			}
		}
	}
	return false
}

func TestFilters(t *testing.T) {
	s, base := start(t, Options{Seed: 11, Counts: map[string]int{"engagements": 400}})
	es := Items[Engagement](s, "engagements")

	// Pick a real external ref so the filter has exactly one hit.
	var ref string
	for _, e := range es {
		if strings.HasPrefix(e.ExternalRef, "calendar-event-") {
			ref = e.ExternalRef
			break
		}
	}
	if ref == "" {
		t.Fatal("seed has no calendar-event refs")
	}

	cases := []filterCase{
		{"none", map[string]any{}, "", func(Engagement) bool { return true }},
		{"empty arrays", map[string]any{"type": []string{}, "members": []string{}}, "type=&members=", func(Engagement) bool { return true }},
		{"one type", map[string]any{"type": []string{"meeting"}}, "type=meeting",
			func(e Engagement) bool { return e.EngagementType == "meeting" }},
		{"two types", map[string]any{"type": []string{"call", "email"}}, "type=call,email",
			func(e Engagement) bool { return e.EngagementType == "call" || e.EngagementType == "email" }},
		{"two types repeated", map[string]any{"type": []string{"call", "email"}}, "type=call&type=email",
			func(e Engagement) bool { return e.EngagementType == "call" || e.EngagementType == "email" }},
		{"external ref", map[string]any{"external_ref": []string{ref, "nope"}}, "external_ref=" + url.QueryEscape(ref) + ",nope",
			func(e Engagement) bool { return e.ExternalRef == ref }},
		{"member", map[string]any{"members": []string{"DEVU-2"}}, "members=DEVU-2",
			func(e Engagement) bool { return anyOf(e.Members, "DEVU-2") }},
		{"member lower-case display id", map[string]any{"members": []string{"devu-3"}}, "members=devu-3",
			func(e Engagement) bool { return anyOf(e.Members, "DEVU-3") }},
		{"member DON id", map[string]any{"members": []string{"don:identity:dvrv-us-1:devo/0:devu/4"}}, "members=don:identity:dvrv-us-1:devo/0:devu/4",
			func(e Engagement) bool { return anyOf(e.Members, "DEVU-4") }},
		{"parents", map[string]any{"parent": []string{"ACC-1", "ACC-3"}}, "parent=ACC-1,ACC-3",
			func(e Engagement) bool { return anyOf(e.Parents, "ACC-1", "ACC-3") }},
		{"and", map[string]any{"type": []string{"meeting", "call"}, "parent": []string{"ACC-2"}, "members": []string{"DEVU-1", "DEVU-5"}},
			"type=meeting,call&parent=ACC-2&members=DEVU-1&members=DEVU-5",
			func(e Engagement) bool {
				return (e.EngagementType == "meeting" || e.EngagementType == "call") &&
					anyOf(e.Parents, "ACC-2") && anyOf(e.Members, "DEVU-1", "DEVU-5")
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []Engagement
			for _, e := range es {
				if c.want(e) {
					want = append(want, e)
				}
			}
			if c.name != "none" && c.name != "empty arrays" && (len(want) == 0 || len(want) == len(es)) {
				t.Fatalf("filter selects %d of %d: not a useful case", len(want), len(es))
			}
			if c.name == "external ref" && len(want) != 1 {
				t.Fatalf("external ref matches %d", len(want))
			}
			body := map[string]any{"limit": 17}
			for k, v := range c.body {
				body[k] = v
			}
			got := pageAll(t, base, body, false)
			if !slices.Equal(ids(got), ids(want)) {
				t.Fatalf("POST list: got %d items, want %d", len(got), len(want))
			}
			gotBack := pageAll(t, base, body, true)
			if !slices.Equal(ids(gotBack), ids(want)) {
				t.Fatalf("POST list mode before: got %d items, want %d", len(gotBack), len(want))
			}
			// GET list: first page only, plus count both ways.
			q := c.query
			if q != "" {
				q += "&"
			}
			lb := decodeList(t, get(t, base, "/engagements.list?"+q+"limit=100"))
			if n := min(100, len(want)); !slices.Equal(ids(lb.Engagements), ids(want[:n])) {
				t.Fatalf("GET list: got %d, want %d", len(lb.Engagements), n)
			}
			for _, r := range []response{
				post(t, base, "/engagements.count", c.body),
				get(t, base, "/engagements.count?"+c.query),
			} {
				if r.status != http.StatusOK {
					t.Fatalf("count status %d: %s", r.status, r.body)
				}
				var cnt struct{ Count *int }
				if err := json.Unmarshal(r.body, &cnt); err != nil || cnt.Count == nil {
					t.Fatalf("count body %s", r.body)
				}
				if *cnt.Count != len(want) {
					t.Fatalf("count = %d, want %d", *cnt.Count, len(want))
				}
			}
		})
	}
}

func TestSortWithFilterAndCursorAcrossFilters(t *testing.T) {
	s, base := start(t, Options{Seed: 5, Counts: map[string]int{"engagements": 200}})
	var want []Engagement
	for _, e := range expectedOrder(t, Items[Engagement](s, "engagements"), "modified_date:desc") {
		if e.EngagementType == "email" || e.EngagementType == "survey" {
			want = append(want, e)
		}
	}
	got := pageAll(t, base, map[string]any{"limit": 3, "type": []string{"email", "survey"}, "sort_by": []string{"modified_date:desc"}}, false)
	if !slices.Equal(ids(got), ids(want)) {
		t.Fatal("filtered, sorted paging differs")
	}
}

func TestPagingWithGET(t *testing.T) {
	s, base := start(t, Options{Seed: 12, Counts: map[string]int{"engagements": 90}})
	want := expectedOrder(t, Items[Engagement](s, "engagements"), "modified_date:desc", "created_date:asc")
	var got []Engagement
	q := url.Values{"sort_by": {"modified_date:desc,created_date"}, "limit": {"20"}}
	for range 20 {
		lb := decodeList(t, get(t, base, "/engagements.list?"+q.Encode()))
		got = append(got, lb.Engagements...)
		if lb.NextCursor == nil {
			break
		}
		q.Set("cursor", *lb.NextCursor)
	}
	if !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("GET paging: %d items, want %d in order", len(got), len(want))
	}
	// Backwards with repeated sort_by parameters.
	got = nil
	q = url.Values{"sort_by": {"modified_date:desc", "created_date:asc"}, "limit": {"20"}, "mode": {"before"}}
	for range 20 {
		lb := decodeList(t, get(t, base, "/engagements.list?"+q.Encode()))
		got = append(slices.Clone(lb.Engagements), got...)
		if lb.PrevCursor == nil {
			break
		}
		q.Set("cursor", *lb.PrevCursor)
	}
	if !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("GET paging before: %d items, want %d in order", len(got), len(want))
	}
}
