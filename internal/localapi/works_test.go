package localapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// Every field of every served work, and of the objects nested in it, is a
// property the spec gives that object; every kind of work is served, each
// with the fields of its kind.
func TestServedWorksFollowTheSpec(t *testing.T) {
	_, base := start(t, Options{Seed: 4, Counts: map[string]int{"works": 100}})
	r := post(t, base, "/works.list", map[string]any{"limit": 100})
	var page struct {
		Works []map[string]any `json:"works"`
	}
	if err := json.Unmarshal(r.body, &page); err != nil || len(page.Works) != 100 {
		t.Fatalf("works.list: %d %s (%v)", r.status, r.body, err)
	}
	nested := map[string]string{
		"stage": "legacy-stage", "applies_to_part": "part-summary", "account": "org-summary", "rev_org": "org-summary",
		"group": "group-summary", "sla_summary": "archetype-sla-summary", "sprint": "vista-group-item-summary", "value": "money",
	}
	kinds := map[string]bool{}
	for _, w := range page.Works {
		kind, _ := w["type"].(string)
		kinds[kind] = true
		for k, v := range w {
			if !slices.Contains(SpecFields("work"), k) {
				t.Errorf("%v has %q, which the spec's work lacks", w["display_id"], k)
			}
			if schema, ok := nested[k]; ok {
				obj, _ := v.(map[string]any)
				for nk := range obj {
					if !slices.Contains(SpecFields(schema), nk) {
						t.Errorf("%v.%s has %q, which the spec's %s lacks", w["display_id"], k, nk, schema)
					}
				}
			}
		}
		if tags, ok := w["tags"].([]any); ok {
			for _, tag := range tags { // whole tag objects, as the live API sends them
				twv, _ := tag.(map[string]any)
				if _, ok := twv["tag"].(map[string]any); !ok {
					t.Errorf("%v: tag %v is not a tag-with-value object", w["display_id"], tag)
				}
			}
		}
	}
	if len(kinds) != 4 {
		t.Errorf("served kinds %v, want all four", kinds)
	}
}

// A works date filter is the spec's date-filter: without its type it is
// refused, as DevRev refuses it; works.count answers the spec's
// {count, has_more}, capped.
func TestWorksDateFilterAndCount(t *testing.T) {
	_, base := start(t, Options{Counts: map[string]int{"works": 50}, CountCaps: map[string]int{"works": 20}})
	r := post(t, base, "/works.list", map[string]any{"created_date": map[string]any{"after": "2024-01-01T00:00:00Z"}})
	if r.status != http.StatusBadRequest {
		t.Errorf("a date filter without type: %d %s", r.status, r.body)
	}
	r = post(t, base, "/works.count", map[string]any{})
	var count map[string]any
	_ = json.Unmarshal(r.body, &count)
	for k := range count {
		if !slices.Contains(SpecFields("works-count-response"), k) {
			t.Errorf("works.count answers %q, which the spec lacks", k)
		}
	}
	if count["count"] != float64(20) || count["has_more"] != true {
		t.Errorf("capped count: %s", r.body)
	}
}

// A GET query names a nested filter and a date-filter by its dotted path,
// and selects what the same filter in a POST body selects.
func TestWorksNestedFiltersInAQuery(t *testing.T) {
	_, base := start(t, Options{Seed: 2, Counts: map[string]int{"works": 90}})
	for _, c := range []struct {
		query string
		body  map[string]any
	}{
		{"ticket.severity=high,blocker", map[string]any{"ticket": map[string]any{"severity": []string{"high", "blocker"}}}},
		{"issue.priority=p0&type=issue", map[string]any{"type": []string{"issue"}, "issue": map[string]any{"priority": []string{"p0"}}}},
		{"ticket.is_spam=false", map[string]any{"ticket": map[string]any{"is_spam": false}}},
		{"created_date.type=range&created_date.after=2024-02-20T00:00:00Z", map[string]any{"created_date": map[string]any{"type": "range", "after": "2024-02-20T00:00:00Z"}}},
	} {
		c.body["limit"] = 100
		want, got := workIDs(t, post(t, base, "/works.list", c.body)), workIDs(t, get(t, base, "/works.list?limit=100&"+c.query))
		if len(want) == 0 || len(want) == 90 {
			t.Fatalf("%s selects %d of 90 works; pick a filter that tells", c.query, len(want))
		}
		if !slices.Equal(got, want) {
			t.Errorf("GET ?%s: %d works, the same filter in a POST body %d", c.query, len(got), len(want))
		}
	}
	r := get(t, base, "/works.list?ticket.severity=urgent")
	if e := decodeErr(t, r, http.StatusBadRequest, "invalid_enum_value"); e.FieldName != "ticket.severity" {
		t.Errorf("GET ?ticket.severity=urgent: %+v", e)
	}
}

// workIDs are the ids of a works.list page.
func workIDs(t *testing.T, r response) []string {
	t.Helper()
	var page struct{ Works []Work }
	if err := json.Unmarshal(r.body, &page); r.status != http.StatusOK || err != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	return idsBy(page.Works, func(w *Work) string { return w.ID })
}
