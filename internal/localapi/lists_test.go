package localapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Lists names every list the server routes, and each filter it names is
// one the list applies: a request with that filter set to a value nothing
// has selects nothing (or is refused), where a field the list did not read
// would be ignored and select everything.
func TestListsNameWhatTheServerFilters(t *testing.T) {
	s, base := start(t, Options{})
	lists := s.Lists()
	listed := map[string]bool{}
	for _, l := range lists {
		listed[l.Path] = true
	}
	for path := range s.routes {
		if strings.HasSuffix(path, ".list") && !listed[path] {
			t.Errorf("%s is routed but not in Lists", path)
		}
	}
	const nothing = "no-such-value"
	for _, l := range lists {
		if len(l.Filters) == 0 || len(l.SortBy) == 0 {
			t.Errorf("%s: filters %v, sort_by %v", l.Path, l.Filters, l.SortBy)
		}
		for _, f := range l.Filters {
			var bodies []map[string]any
			path, fields, dated := strings.Cut(strings.TrimSuffix(f, "}"), "{")
			var value any = []string{nothing}
			if dated {
				r := map[string]any{"after": "2200-01-01T00:00:00Z"}
				if strings.Contains(fields, "type:range") {
					r["type"] = "range" // works' and meetings' date-filter
				}
				value = r
			}
			// A dotted path is nested objects in the body.
			steps := strings.Split(path, ".")
			for i := len(steps) - 1; i >= 0; i-- {
				value = map[string]any{steps[i]: value}
			}
			bodies = append(bodies, value.(map[string]any))
			for _, body := range bodies {
				r := post(t, base, l.Path, body)
				if r.status == http.StatusBadRequest || r.status == http.StatusNotFound {
					continue // refused: the list reads the field
				}
				var page map[string]json.RawMessage
				_ = json.Unmarshal(r.body, &page)
				var items []json.RawMessage
				for k, v := range page {
					if !strings.HasSuffix(k, "_cursor") {
						_ = json.Unmarshal(v, &items)
					}
				}
				if r.status != http.StatusOK || len(items) != 0 {
					t.Errorf("%s %v: %d with %d items; the filter %s is not applied", l.Path, body, r.status, len(items), f)
				}
			}
		}
	}
}
