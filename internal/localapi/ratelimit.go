package localapi

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// RateLimit makes the server enforce a quota the way DevRev does: at most
// Requests requests per Window, shared by every caller (DevRev's limit is
// per token; the local API has one). Windows are aligned to the Unix epoch,
// so X-Ratelimit-Reset (Unix seconds) is exact. Every response carries
// X-Ratelimit-Limit, X-Ratelimit-Remaining and X-Ratelimit-Reset; a request
// beyond the quota gets 429 too_many_requests with Retry-After (whole
// seconds to the end of the window, rounded up) and the same in the body's
// retry_after, and does not count against the quota.
type RateLimit struct {
	// Requests per window; 0 disables the limit.
	Requests int
	// Window is the length of a window in whole seconds; 0 means 1s.
	Window time.Duration
}

// ParseRateLimit reads "N/window", such as "25/1s" or "1000/5m".
func ParseRateLimit(s string) (RateLimit, error) {
	var n int
	var win string
	if _, err := fmt.Sscanf(s, "%d/%s", &n, &win); err != nil {
		return RateLimit{}, fmt.Errorf("rate limit %q is not N/window such as 25/1s", s)
	}
	d, err := time.ParseDuration(win)
	if err != nil || n <= 0 || d < time.Second || d%time.Second != 0 {
		return RateLimit{}, fmt.Errorf("rate limit %q: want a positive N and a window of whole seconds, such as 25/1s", s)
	}
	return RateLimit{Requests: n, Window: d}, nil
}

// RateLimitStats counts what the rate limit did.
type RateLimitStats struct {
	Allowed, Limited int
	// First and Last are when the first and the latest request arrived.
	First, Last time.Time
}

// limiter counts requests per window for the rate-limit headers, and
// enforces a RateLimit when there is one.
type limiter struct {
	quota   int
	window  int64            // seconds
	enforce bool             // false: DevRev's quota, announced but not enforced
	now     func() time.Time // time.Now; a test's clock, so that it knows where in a window it is

	mu    sync.Mutex
	end   int64 // Unix second at which the current window ends
	used  int
	stats RateLimitStats
}

func newLimiter(rl RateLimit) *limiter {
	if rl.Requests <= 0 {
		return &limiter{quota: rateLimitQuota, window: rateLimitWindow, now: time.Now}
	}
	win := int64(rl.Window / time.Second)
	if win <= 0 {
		win = 1
	}
	return &limiter{quota: rl.Requests, window: win, enforce: true, now: time.Now}
}

// admit counts one request and returns the headers' values; ok is false
// when the quota of the current window is used up.
func (l *limiter) admit(now time.Time) (remaining int, reset int64, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sec := now.Unix()
	if sec >= l.end {
		l.end = sec - sec%l.window + l.window
		l.used = 0
	}
	if !l.enforce {
		// Never 0: this quota is not enforced, and a client that saw 0
		// would rightly hold its requests until the window ends.
		l.used++
		return max(1, l.quota-l.used), l.end, true
	}
	if l.stats.First.IsZero() {
		l.stats.First = now
	}
	l.stats.Last = now
	if l.used >= l.quota {
		l.stats.Limited++
		return 0, l.end, false
	}
	l.used++
	l.stats.Allowed++
	return l.quota - l.used, l.end, true
}

// RateLimitStats reports what the rate limit did so far (zero without
// one).
func (s *Server) RateLimitStats() RateLimitStats {
	s.limiter.mu.Lock()
	defer s.limiter.mu.Unlock()
	return s.limiter.stats
}

// limitRate sets the rate-limit headers of a response and, in rate-limit
// mode, answers a request beyond the quota with a 429; it reports whether
// it answered.
func (s *Server) limitRate(w http.ResponseWriter, r *http.Request) bool {
	now := s.limiter.now()
	remaining, reset, ok := s.limiter.admit(now)
	h := w.Header()
	h.Set("X-Ratelimit-Limit", strconv.Itoa(s.limiter.quota))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
	if ok {
		return false
	}
	wait := max(1, int((time.Unix(reset, 0).Sub(now)+time.Second-1)/time.Second))
	h.Set("Retry-After", strconv.Itoa(wait))
	s.writeError(w, r, errTooManyRequests(wait))
	return true
}
