package localapi

import (
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// clock is a settable time for the rate limiter.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// startClocked is start with the rate limiter reading clk instead of the
// wall clock.
func startClocked(t *testing.T, opts Options, clk *clock) (*Server, string) {
	t.Helper()
	opts.Token = testToken
	s := New(opts)
	s.limiter.now = clk.Now
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

// In rate-limit mode every caller shares N requests per window: every
// response carries X-Ratelimit-*, and requests beyond the quota get 429
// with Retry-After (header and body) until the window's end. The limiter
// reads a clock of the test's, so that the five requests are in one window
// and the test knows where in it, wherever the wall clock is.
func TestRateLimitMode(t *testing.T) {
	const windowStart = 1_700_000_000 // Unix seconds, a multiple of the 2 s window
	clk := &clock{now: time.Unix(windowStart, 5e8)}
	s, base := startClocked(t, Options{RateLimit: RateLimit{Requests: 3, Window: 2 * time.Second}, Counts: map[string]int{"engagements": 5}}, clk)
	var statuses []int
	var remaining []string
	for i := range 5 {
		r := post(t, base, "/engagements.count", map[string]any{})
		statuses = append(statuses, r.status)
		remaining = append(remaining, r.header.Get("X-Ratelimit-Remaining"))
		if r.header.Get("X-Ratelimit-Reset") != strconv.Itoa(windowStart+2) || r.header.Get("X-Ratelimit-Limit") != "3" {
			t.Fatalf("request %d: headers %v, want the limit 3 and the reset %d", i+1, r.header, windowStart+2)
		}
		if r.status == 429 {
			// 1.5 s to the window's end, rounded up.
			e := decodeErr(t, r, 429, "too_many_requests")
			if r.header.Get("Retry-After") != "2" || e.RetryAfter == nil || *e.RetryAfter != 2 {
				t.Fatalf("429 retry info: header %q body %s, want 2", r.header.Get("Retry-After"), r.body)
			}
		}
	}
	if !slices.Equal(statuses, []int{200, 200, 200, 429, 429}) || !slices.Equal(remaining, []string{"2", "1", "0", "0", "0"}) {
		t.Fatalf("statuses %v remaining %v", statuses, remaining)
	}
	// Just before the window's end: still limited, for at least a second.
	clk.set(time.Unix(windowStart+2, 0).Add(-time.Millisecond))
	if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 429 || r.header.Get("Retry-After") != "1" {
		t.Fatalf("end of the window: %d %v", r.status, r.header)
	}
	// The next window has the full quota again.
	clk.set(time.Unix(windowStart+2, 0))
	if r := post(t, base, "/engagements.count", map[string]any{}); r.status != 200 || r.header.Get("X-Ratelimit-Remaining") != "2" ||
		r.header.Get("X-Ratelimit-Reset") != strconv.Itoa(windowStart+4) {
		t.Fatalf("new window: %d %v", r.status, r.header)
	}
	st := s.RateLimitStats()
	if st.Allowed != 4 || st.Limited != 3 || !st.First.Equal(time.Unix(windowStart, 5e8)) || !st.Last.Equal(time.Unix(windowStart+2, 0)) {
		t.Errorf("stats %+v", st)
	}
}

// Without rate-limit mode the headers are informative and never say the
// quota is used up.
func TestRateHeadersWithoutLimit(t *testing.T) {
	s, base := start(t, Options{Counts: map[string]int{"engagements": 1}})
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
