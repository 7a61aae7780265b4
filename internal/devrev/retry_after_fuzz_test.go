package devrev

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzRetryAfter: whatever a server puts in Retry-After, the wait is never
// negative (a negative wait would retry at once); a number of seconds is
// that many seconds, saturated rather than overflowing; an HTTP date is the
// time until it, or none once it has passed.
func FuzzRetryAfter(f *testing.F) {
	for _, v := range []string{
		"0", "1", " 120 ", "-1", "+5", "1.5", "0x10", "", "soon",
		"9223372036854775807", "9223372036", "9223372037", "99999999999999999999",
		"Wed, 21 Oct 2015 07:28:00 GMT", "Mon, 07 Dec 2026 15:00:10 GMT", "Monday, 07-Dec-26 15:00:10 GMT",
		"Mon Dec  7 15:00:10 2026", "Mon, 07 Dec 2026 15:00:10 UTC",
	} {
		f.Add(v)
	}
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		resp := &http.Response{Header: http.Header{}}
		resp.Header.Set("Retry-After", v)
		d, ok := retryAfter(resp, now)
		if !ok {
			if d != 0 {
				t.Fatalf("Retry-After %q: no wait, but %v", v, d)
			}
			return
		}
		if d < 0 {
			t.Fatalf("Retry-After %q: a negative wait %v", v, d)
		}
		trimmed := strings.TrimSpace(resp.Header.Get("Retry-After"))
		if secs, err := strconv.ParseInt(trimmed, 10, 64); err == nil {
			if d != seconds(secs) {
				t.Fatalf("Retry-After %q: %v, want %d s", v, d, secs)
			}
			return
		}
		at, err := http.ParseTime(trimmed)
		if err != nil {
			t.Fatalf("Retry-After %q is neither seconds nor an HTTP date, yet waits %v", v, d)
		}
		if want := max(0, at.Sub(now)); d != want {
			t.Fatalf("Retry-After %q: %v, want %v", v, d, want)
		}
	})
}
