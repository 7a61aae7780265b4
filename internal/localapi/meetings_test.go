package localapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"
)

// Every field of every served meeting, and of the objects nested in it, is
// a property the spec gives that object.
func TestServedMeetingsFollowTheSpec(t *testing.T) {
	_, base := start(t, Options{Seed: 4, Counts: map[string]int{"engagements": 600}})
	r := post(t, base, "/meetings.list", map[string]any{"limit": 100})
	var page struct {
		Meetings []map[string]any `json:"meetings"`
	}
	if err := json.Unmarshal(r.body, &page); err != nil || len(page.Meetings) < 40 {
		t.Fatalf("meetings.list: %d %s (%v)", r.status, r.body, err)
	}
	nested := map[string]string{"organizer": "user-summary", "parent": "atom-summary", "created_by": "user-summary", "modified_by": "user-summary"}
	for _, m := range page.Meetings {
		for k, v := range m {
			if !slices.Contains(SpecFields("meeting"), k) {
				t.Errorf("%v has %q, which the spec's meeting lacks", m["display_id"], k)
			}
			if schema, ok := nested[k]; ok {
				for nk := range v.(map[string]any) {
					if !slices.Contains(SpecFields(schema), nk) {
						t.Errorf("%v.%s has %q, which the spec's %s lacks", m["display_id"], k, nk, schema)
					}
				}
			}
		}
		members, ok := m["members"].([]any)
		if !ok {
			t.Errorf("%v: members %v, which the spec requires as an array", m["display_id"], m["members"])
		}
		for _, u := range members {
			for nk := range u.(map[string]any) {
				if !slices.Contains(SpecFields("user-summary"), nk) {
					t.Errorf("%v: a member has %q", m["display_id"], nk)
				}
			}
		}
	}
	r = post(t, base, "/meetings.count", map[string]any{})
	var count map[string]any
	_ = json.Unmarshal(r.body, &count)
	for k := range count {
		if !slices.Contains(SpecFields("meetings-count-response"), k) {
			t.Errorf("meetings.count answers %q, which the spec lacks", k)
		}
	}
}

// The meetings are those of the engagements of type meeting, in their
// order, with organizer and members among the dev users and the parent
// among the accounts; the same seed gives the same meetings, another seed
// others; every state and channel occurs.
func TestMeetingsAreTheMeetingEngagements(t *testing.T) {
	s := New(Options{Seed: 7, Counts: map[string]int{"engagements": 900}})
	var engagements []Engagement
	for _, e := range Items[Engagement](s, "engagements") {
		if e.EngagementType == "meeting" {
			engagements = append(engagements, e)
		}
	}
	meetings := Items[Meeting](s, "meetings")
	if len(meetings) != len(engagements) || len(meetings) < 50 {
		t.Fatalf("%d meetings for %d meeting engagements", len(meetings), len(engagements))
	}
	devUsers := map[string]bool{}
	for _, u := range Items[DevUser](s, "dev-users") {
		devUsers[u.ID] = true
	}
	accounts := map[string]bool{}
	for _, a := range Items[Account](s, "accounts") {
		accounts[a.ID] = true
	}
	states, channels := map[string]bool{}, map[string]bool{}
	for i, m := range meetings {
		e := engagements[i]
		if m.Title != e.Title || m.CreatedDate != e.CreatedDate || m.ScheduledDate != e.ScheduledDate || m.ExternalRef != e.ExternalRef {
			t.Errorf("%s is not the meeting of %s", m.DisplayID, e.DisplayID)
		}
		if m.Organizer == nil || !devUsers[m.Organizer.ID] || m.Parent == nil || !accounts[m.Parent.ID] {
			t.Errorf("%s: organizer %v, parent %v", m.DisplayID, m.Organizer, m.Parent)
		}
		for _, u := range m.Members {
			if !devUsers[u.ID] {
				t.Errorf("%s: member %s is not a dev user", m.DisplayID, u.ID)
			}
		}
		if (m.EndedDate != "") != (m.State == "completed") {
			t.Errorf("%s: state %s, ended %q", m.DisplayID, m.State, m.EndedDate)
		}
		states[m.State], channels[m.Channel] = true, true
	}
	if len(states) != len(specEnum("/meetings.list", "state")) || len(channels) != len(specEnum("/meetings.list", "channel")) {
		t.Errorf("states %v, channels %v: want all of each", states, channels)
	}
	if again := Items[Meeting](New(Options{Seed: 7, Counts: map[string]int{"engagements": 900}}), "meetings"); !reflect.DeepEqual(again, meetings) {
		t.Error("the same seed gave other meetings")
	}
	if other := Items[Meeting](New(Options{Seed: 8, Counts: map[string]int{"engagements": 900}}), "meetings"); reflect.DeepEqual(other, meetings) {
		t.Error("another seed gave the same meetings")
	}
	if n := len(Items[Meeting](New(Options{}), "meetings")); n == 0 || n > 60 {
		t.Errorf("the default data has %d meetings; want a modest number", n)
	}
}

// A meetings date filter is the spec's date-filter: without its type it is
// refused; meetings.count counts what meetings.list lists; with
// IgnoreDateFilters naming it, the list checks the date filters but does not
// apply them, and the count still does.
func TestMeetingsFiltersAndCount(t *testing.T) {
	for _, ignore := range []bool{false, true} {
		var ignored []string
		if ignore {
			ignored = []string{"meetings"}
		}
		s, base := start(t, Options{Seed: 3, Counts: map[string]int{"engagements": 600}, IgnoreDateFilters: ignored})
		all := Items[Meeting](s, "meetings")
		r := post(t, base, "/meetings.list", map[string]any{"ended_date": map[string]any{"after": "2023-01-01T00:00:00Z"}})
		if r.status != http.StatusBadRequest {
			t.Errorf("a date filter without type: %d %s", r.status, r.body)
		}
		if r := post(t, base, "/meetings.list", map[string]any{"state": []string{"done"}}); r.status != http.StatusBadRequest {
			t.Errorf("an unknown state: %d %s", r.status, r.body)
		}
		body := map[string]any{"state": []string{"completed"}, "scheduled_date": map[string]any{"type": "range", "before": all[len(all)/2].ScheduledDate}}
		want, completed := 0, 0
		for _, m := range all {
			if m.State == "completed" {
				completed++
				if parseInstant(m.ScheduledDate) <= parseInstant(all[len(all)/2].ScheduledDate) {
					want++
				}
			}
		}
		listed := len(readAll(t, base, "/meetings.list", "meetings", body, false))
		if wantListed := map[bool]int{false: want, true: completed}[ignore]; listed != wantListed {
			t.Errorf("ignore=%v: listed %d, want %d", ignore, listed, wantListed)
		}
		var count struct{ Count int }
		_ = json.Unmarshal(post(t, base, "/meetings.count", body).body, &count)
		if count.Count != want || want == 0 || want == completed {
			t.Errorf("ignore=%v: count %d, want %d (of %d completed)", ignore, count.Count, want, completed)
		}
	}
}
