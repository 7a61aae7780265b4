package localapi

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// In rate-limit mode every caller shares N requests per window: every
// response carries X-Ratelimit-*, and requests beyond the quota get 429
// with Retry-After (header and body) until the window's end.
func TestRateLimitMode(t *testing.T) {
	s, base := start(t, Options{Count: 5, RateLimit: RateLimit{Requests: 3, Window: 2 * time.Second}})
	// Start just after a window boundary so that five requests fit in one.
	for time.Now().Unix()%2 != 0 || time.Now().Nanosecond() > 500e6 {
		time.Sleep(20 * time.Millisecond)
	}
	var statuses []int
	var remaining []string
	for i := range 5 {
		r := post(t, base, "/engagements.count", map[string]any{})
		statuses = append(statuses, r.status)
		remaining = append(remaining, r.header.Get("X-Ratelimit-Remaining"))
		reset, err := strconv.ParseInt(r.header.Get("X-Ratelimit-Reset"), 10, 64)
		if err != nil || reset%2 != 0 || time.Until(time.Unix(reset, 0)) > 2*time.Second || r.header.Get("X-Ratelimit-Limit") != "3" {
			t.Fatalf("request %d: headers %v", i+1, r.header)
		}
		if r.status == 429 {
			e := decodeErr(t, r, 429, "too_many_requests")
			ra, err := strconv.Atoi(r.header.Get("Retry-After"))
			if err != nil || ra < 1 || ra > 2 || e.RetryAfter == nil || *e.RetryAfter != ra {
				t.Fatalf("429 retry info: header %q body %s", r.header.Get("Retry-After"), r.body)
			}
		}
	}
	if !slices.Equal(statuses, []int{200, 200, 200, 429, 429}) || !slices.Equal(remaining, []string{"2", "1", "0", "0", "0"}) {
		t.Fatalf("statuses %v remaining %v", statuses, remaining)
	}
	// The next window has the full quota again.
	time.Sleep(time.Until(time.Unix(time.Now().Unix()+2-time.Now().Unix()%2, 0)))
	if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 200 || r.header.Get("X-Ratelimit-Remaining") != "2" {
		t.Fatalf("new window: %d %v", r.status, r.header)
	}
	st := s.RateLimitStats()
	if st.Allowed != 4 || st.Limited != 2 || st.First.IsZero() || !st.Last.After(st.First) {
		t.Errorf("stats %+v", st)
	}
}

// Without rate-limit mode the headers are informative and never say the
// quota is used up.
func TestRateHeadersWithoutLimit(t *testing.T) {
	s, base := start(t, Options{Count: 1})
	for range 3 {
		if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 200 || r.header.Get("X-Ratelimit-Remaining") == "0" {
			t.Fatalf("%d %v", r.status, r.header)
		}
	}
	if st := s.RateLimitStats(); st != (RateLimitStats{}) {
		t.Errorf("stats without a limit: %+v", st)
	}
}

func TestParseRateLimit(t *testing.T) {
	for in, want := range map[string]RateLimit{
		"25/1s":   {25, time.Second},
		"1000/5m": {1000, 5 * time.Minute},
	} {
		if got, err := ParseRateLimit(in); err != nil || got != want {
			t.Errorf("ParseRateLimit(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "25", "0/1s", "-1/1s", "25/500ms", "25/1.5s", "x/1s", "25/soon"} {
		if _, err := ParseRateLimit(in); err == nil {
			t.Errorf("ParseRateLimit(%q) accepted it", in)
		}
	}
}
