package localapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Every date the server serves moves with SeedDate, by the same number of
// days, and nothing else changes: two servers a number of days apart serve
// every row of every list (the pre-rendered JSON, as sent) alike but for
// their dates, each exactly that many days later.
func TestSeedDateMovesEveryDate(t *testing.T) {
	a := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	const days = 37
	s1, s2 := New(Options{SeedDate: a}), New(Options{SeedDate: a.AddDate(0, 0, days)})
	moved := map[string]int{} // list → dates moved
	for i, l1 := range s1.lists {
		l2 := s2.lists[i]
		if len(l1.json) != len(l2.json) || len(l1.json) == 0 {
			t.Fatalf("%s: %d and %d rows", l1.name, len(l1.json), len(l2.json))
		}
		for row := range l1.json {
			var v1, v2 any
			if err := json.Unmarshal(l1.json[row], &v1); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(l2.json[row], &v2); err != nil {
				t.Fatal(err)
			}
			compareMoved(t, l1.name, v1, v2, days, func() { moved[l1.name]++ })
		}
	}
	// Every list but the group members' (whose rows hold no date) has dates.
	for _, l := range s1.lists {
		if moved[l.name] == 0 && l.name != "/groups.members.list" {
			t.Errorf("%s: no date moved", l.name)
		}
	}
}

// compareMoved checks that v2 is v1 with each date days later.
func compareMoved(t *testing.T, where string, v1, v2 any, days int, onMoved func()) {
	t.Helper()
	switch x := v1.(type) {
	case map[string]any:
		y, _ := v2.(map[string]any)
		if len(x) != len(y) {
			t.Errorf("%s: %v against %v", where, x, y)
			return
		}
		for k := range x {
			compareMoved(t, where+"."+k, x[k], y[k], days, onMoved)
		}
	case []any:
		y, _ := v2.([]any)
		if len(x) != len(y) {
			t.Errorf("%s: %v against %v", where, x, y)
			return
		}
		for i := range x {
			compareMoved(t, fmt.Sprintf("%s[%d]", where, i), x[i], y[i], days, onMoved)
		}
	case string:
		y, _ := v2.(string)
		t1, err1 := time.Parse(time.RFC3339Nano, x)
		t2, err2 := time.Parse(time.RFC3339Nano, y)
		switch {
		case err1 != nil || err2 != nil:
			if x != y {
				t.Errorf("%s: %q became %q", where, x, y)
			}
		case t2.Sub(t1) != time.Duration(days)*24*time.Hour || x[10:] != y[10:]:
			t.Errorf("%s: %s became %s, not %d days later in the same form", where, x, y, days)
		default:
			onMoved()
		}
	default:
		if fmt.Sprint(v1) != fmt.Sprint(v2) {
			t.Errorf("%s: %v became %v", where, v1, v2)
		}
	}
}

// With a seed date the data is recent: the newest object was created the
// day before it, and the engagements, meetings and works each have some
// created within the 90 days before it, none after.
func TestSeedDateDatesTheDataAsOfThatDay(t *testing.T) {
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	s := New(Options{SeedDate: day})
	var newest time.Time
	for _, l := range s.lists {
		recent := 0
		for _, raw := range l.json {
			var row struct {
				CreatedDate string `json:"created_date"`
			}
			if err := json.Unmarshal(raw, &row); err != nil {
				t.Fatal(err)
			}
			c, err := time.Parse(time.RFC3339Nano, row.CreatedDate)
			if err != nil {
				continue // group members have no created_date
			}
			if !c.Before(day) {
				t.Errorf("%s: created %s, not before the seed date", l.name, row.CreatedDate)
			}
			if !c.Before(day.AddDate(0, 0, -90)) {
				recent++
			}
			if c.After(newest) {
				newest = c
			}
		}
		if recent == 0 && strings.Contains("/engagements.list /meetings.list /works.list", l.name) {
			t.Errorf("%s: nothing created in the 90 days before %s", l.name, day.Format(time.DateOnly))
		}
	}
	if got := newest.Format(time.DateOnly); got != "2026-12-06" {
		t.Errorf("the newest object was created on %s, want the day before the seed date", got)
	}
}
