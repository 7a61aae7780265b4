package localapi

import (
	"encoding/json"
	"slices"
	"testing"
)

// DevRev's engagements.list and engagements.count have no date filter
// (the spec's engagements-list-request and engagements-count-request), and
// DevRev ignores fields it does not know: a created_date or modified_date
// in the body selects nothing and changes nothing, in either form the
// other lists' date filters take. The list sorts by both dates, each way,
// which is what a client filtering by date itself reads by.
func TestEngagementsHaveNoDateFilter(t *testing.T) {
	s, base := start(t, Options{Seed: 9, Counts: map[string]int{"engagements": 120}})
	all := Items[Engagement](s, "engagements")
	mid := all[len(all)/2].CreatedDate
	for _, dates := range []map[string]any{
		{"created_date": map[string]any{"after": mid}},
		{"created_date": map[string]any{"type": "range", "before": mid}, "modified_date": map[string]any{"after": mid}},
	} {
		for _, sortBy := range []string{"created_date:asc", "created_date:desc", "modified_date:asc", "modified_date:desc"} {
			req := map[string]any{"limit": 7, "sort_by": []string{sortBy}}
			want := pageAll(t, base, req, false)
			if !slices.Equal(ids(want), ids(expectedOrder(t, all, sortBy))) {
				t.Fatalf("sort_by %s: not every engagement in that order", sortBy)
			}
			for k, v := range dates {
				req[k] = v
			}
			if got := pageAll(t, base, req, false); !slices.Equal(ids(got), ids(want)) {
				t.Errorf("sort_by %s with %v: %d engagements, want all %d in the same order", sortBy, dates, len(got), len(want))
			}
		}
		r := post(t, base, "/engagements.count", dates)
		var c struct{ Count int }
		if err := json.Unmarshal(r.body, &c); err != nil || c.Count != len(all) {
			t.Errorf("count with %v: %s (%v), want %d", dates, r.body, err, len(all))
		}
	}
}
