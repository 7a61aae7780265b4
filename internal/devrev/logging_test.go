package devrev

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

func TestLogsNeverShowTheToken(t *testing.T) {
	var out testsupport.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)

	f := newFake(t, 150)
	f.intercept = func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool {
		switch {
		case n == 1: // the list: rate limited once
			w.Header().Set("Retry-After", "0")
			w.Header().Set("X-Request-Id", "req-rl")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"type": "too_many_requests", "message": "slow down"})
			return true
		case n == 4: // the get: connection dropped once
			hijackClose(t, w)
			return true
		case r.URL.Path == "/engagements.count" && strings.Contains(string(body), "call"):
			w.Header().Set("X-Request-Id", "req-500")
			writeJSON(w, http.StatusInternalServerError, map[string]any{"type": "internal_error", "message": "boom", "reference_id": "ref-1"})
			return true
		case r.URL.Path == "/engagements.count" && strings.Contains(string(body), "email"):
			w.Header().Set("Retry-After", "3600")
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"type": "service_unavailable", "message": "later"})
			return true
		}
		return false
	}
	c, _ := newTestClient(t, f.URL(), func(o *Options) {
		o.Token = "Bearer " + testToken
		o.MaxRetries = ptr(1)
	})

	// n=1 (429), n=2, n=3: two pages after one retry.
	if w, err := c.ListEngagements(ctx, ListEngagementsRequest{}, ListOptions{}); err != nil || len(w.Items) != 150 {
		t.Fatalf("ListEngagements: %v", err)
	}
	// n=4 (dropped), n=5.
	if _, err := c.GetEngagement(ctx, "ENG-3"); err != nil {
		t.Fatalf("GetEngagement: %v", err)
	}
	// n=6, n=7: 500 twice, then give up.
	if _, err := c.CountEngagements(ctx, EngagementFilter{Type: []string{"call"}}); err == nil {
		t.Fatal("no error from the failing count")
	}
	// n=8: a 404, not retried.
	if _, err := c.GetEngagement(ctx, "ENG-999"); err == nil {
		t.Fatal("no error for a missing engagement")
	}
	// n=9: Retry-After too long. (Last: after it, the client's shared rate
	// budget holds every request for that hour.)
	var tooLong *RetryAfterTooLongError
	if _, err := c.CountEngagements(ctx, EngagementFilter{Type: []string{"email"}}); !errors.As(err, &tooLong) {
		t.Fatalf("err = %v, want *RetryAfterTooLongError", err)
	}
	if f.count() != 9 {
		t.Fatalf("requests = %d, want 9", f.count())
	}

	raw := out.String()
	if strings.Contains(raw, testToken) {
		t.Errorf("the token appears in the log:\n%s", raw)
	}
	// Even a fragment of it would be a leak.
	if strings.Contains(raw, testToken[5:20]) {
		t.Errorf("part of the token appears in the log")
	}

	entries, err := tflogtest.MultilineJSONDecode(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("decoding the log: %v\n%s", err, raw)
	}
	counts := map[string]int{}
	levels := map[string]bool{}
	for _, e := range entries {
		msg, _ := e["@message"].(string)
		counts[msg]++
		if lvl, ok := e["@level"].(string); ok {
			levels[lvl] = true
		}
		if msg == "Sending DevRev API request" {
			if got := e["Authorization"]; got != "***" {
				t.Errorf("Authorization logged as %v, want ***", got)
			}
			if got := e["User-Agent"]; got != testUserAgent {
				t.Errorf("User-Agent logged as %v", got)
			}
			if got, _ := e["method"].(string); got != http.MethodPost {
				t.Errorf("method logged as %v", e["method"])
			}
			if u, _ := e["url"].(string); !strings.HasPrefix(u, f.URL()+"/engagements.") {
				t.Errorf("url logged as %v", e["url"])
			}
		}
	}
	want := map[string]int{
		"Sending DevRev API request":   9, // one line per attempt
		"Received DevRev API response": 8, // every attempt but the dropped one
		// 429 and two 500s (the last retry is announced, then refused by MaxRetries).
		"DevRev API answered with a retryable status":      3,
		"DevRev API request failed with a retryable error": 1,
	}
	for msg, n := range want {
		if counts[msg] != n {
			t.Errorf("%d log lines %q, want %d (all: %v)", counts[msg], msg, n, counts)
		}
	}
	if !levels["debug"] || !levels["warn"] {
		t.Errorf("log levels seen: %v, want debug and warn", levels)
	}
	if !strings.Contains(raw, `"request_id":"req-rl"`) || !strings.Contains(raw, `"status":429`) {
		t.Errorf("the rate-limited response is not in the log:\n%s", raw)
	}
}
