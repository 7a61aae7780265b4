package localapi

import (
	"encoding/json"
	"testing"
)

// The parent an engagement shows is the parent the filter matches: reading
// each account's engagements with parent = [it] gives engagements that all
// show it, and every engagement exactly once over the accounts.
func TestEngagementParentShownIsParentFiltered(t *testing.T) {
	s, base := start(t, Options{})
	total := 0
	for _, a := range Items[Account](s, "accounts") {
		for _, raw := range readAll(t, base, "/engagements.list", "engagements", map[string]any{"parent": []string{a.DisplayID}, "limit": 100}, false) {
			var e struct {
				DisplayID string `json:"display_id"`
				Parent    struct {
					ID string `json:"id"`
				} `json:"parent"`
			}
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Fatal(err)
			}
			if e.Parent.ID != a.ID {
				t.Errorf("parent = [%s] returned %s, which shows the parent %q", a.DisplayID, e.DisplayID, e.Parent.ID)
			}
			total++
		}
	}
	if n := len(Items[Engagement](s, "engagements")); total != n {
		t.Errorf("the accounts' engagements add up to %d, against %d engagements", total, n)
	}
}

// An engagement given with more parents than one (Options.Engagements)
// shows the first, and only the first is matched.
func TestEngagementLaterParentsNotFiltered(t *testing.T) {
	_, base := start(t, Options{
		Data: map[string]any{"engagements": []Engagement{{
			ID: donPrefix + "engagement/1", DisplayID: "ENGM-1", CreatedDate: "2024-03-05T10:11:12Z", Parents: []string{"ACC-1", "ACC-2"},
		}}},
	})
	for acct, want := range map[string]int{"ACC-1": 1, "ACC-2": 0} {
		if got := len(readAll(t, base, "/engagements.list", "engagements", map[string]any{"parent": []string{acct}}, false)); got != want {
			t.Errorf("parent = [%s]: %d engagements, want %d", acct, got, want)
		}
	}
}
