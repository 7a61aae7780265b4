package devrev

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// failFirst answers the first k requests with status, the given headers and
// body, and lets the fake answer the rest.
func failFirst(k, status int, header map[string]string, body string) func(http.ResponseWriter, *http.Request, int, []byte) bool {
	return func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
		if n > k {
			return false
		}
		for name, v := range header {
			w.Header().Set(name, v)
		}
		w.Header().Set("X-Request-Id", fmt.Sprintf("req-%d", n))
		if strings.HasPrefix(body, "{") {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
		return true
	}
}

const tooManyBody = `{"type":"too_many_requests","message":"slow down"}`

// firstBackoff stands for the first exponential backoff step in a table of
// expected waits.
const firstBackoff = time.Duration(-1)

func TestRetryAfterIsHonoured(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header map[string]string
		body   string
		want   time.Duration
	}{
		{name: "429 Retry-After seconds", status: 429, header: map[string]string{"Retry-After": "3"}, body: tooManyBody, want: 3 * time.Second},
		{name: "429 Retry-After with spaces", status: 429, header: map[string]string{"Retry-After": " 2 "}, body: tooManyBody, want: 2 * time.Second},
		// Zero says nothing about when the limit lifts: the first
		// exponential step (MinRetryWait with equal jitter), not an
		// immediate retry.
		{name: "429 Retry-After zero", status: 429, header: map[string]string{"Retry-After": "0"}, body: tooManyBody, want: firstBackoff},
		{name: "429 body retry_after only", status: 429,
			body: `{"type":"too_many_requests","message":"slow down","retry_after":4}`, want: 4 * time.Second},
		{name: "header wins over body", status: 429, header: map[string]string{"Retry-After": "1"},
			body: `{"type":"too_many_requests","retry_after":9}`, want: time.Second},
		{name: "503 Retry-After seconds", status: 503, header: map[string]string{"Retry-After": "2"},
			body: `{"type":"service_unavailable","message":"maintenance"}`, want: 2 * time.Second},
		{name: "Retry-After exactly the maximum", status: 429, header: map[string]string{"Retry-After": "10"}, body: tooManyBody, want: 10 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 30)
			f.intercept = failFirst(1, tt.status, tt.header, tt.body)
			c, waits := newTestClient(t, f.URL(), nil)
			w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
			if err != nil {
				t.Fatalf("ListEngagements: %v", err)
			}
			if got, want := displayIDs(w.Items), idRange(0, 30); !slices.Equal(got, want) {
				t.Errorf("engagements differ: %s", firstDiff(got, want))
			}
			got := waits.get()
			switch {
			case tt.want == firstBackoff:
				if len(got) != 1 || got[0] < 50*time.Millisecond || got[0] > 100*time.Millisecond {
					t.Errorf("waits = %v, want one backoff in [50ms, 100ms]", got)
				}
			case !slices.Equal(got, []time.Duration{tt.want}):
				t.Errorf("waits = %v, want [%v]", got, tt.want)
			}
			// The retry sends the same body again.
			if got := f.bodies(); !slices.Equal(got, []string{`{"limit":100}`, `{"limit":100}`}) {
				t.Errorf("bodies = %q", got)
			}
		})
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	f := newFake(t, 5)
	at := time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat)
	f.intercept = failFirst(1, 429, map[string]string{"Retry-After": at}, tooManyBody)
	c, waits := newTestClient(t, f.URL(), nil)
	if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatalf("CountEngagements: %v", err)
	}
	got := waits.get()
	// The date has whole seconds: the wait lies in (3s, 5s].
	if len(got) != 1 || got[0] <= 3*time.Second || got[0] > 5*time.Second {
		t.Errorf("waits = %v, want one in (3s, 5s] for Retry-After %s", got, at)
	}
	if f.count() != 2 {
		t.Errorf("requests = %d, want 2", f.count())
	}

	// A date in the past says nothing more than "0": the first backoff
	// step (newTestClient's MinRetryWait of 100ms, with equal jitter).
	f2 := newFake(t, 5)
	f2.intercept = failFirst(1, 503, map[string]string{"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, "")
	c2, waits2 := newTestClient(t, f2.URL(), nil)
	if _, err := c2.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatalf("CountEngagements: %v", err)
	}
	if got := waits2.get(); len(got) != 1 || got[0] < 50*time.Millisecond || got[0] > 100*time.Millisecond {
		t.Errorf("waits = %v, want one backoff in [50ms, 100ms]", got)
	}
}

// A Retry-After that cannot be read falls back to exponential backoff.
func TestRetryAfterUnreadable(t *testing.T) {
	for _, v := range []string{"soon", "-5", "1.5", "Tomorrow, 99 Foo 2024"} {
		t.Run(v, func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = failFirst(2, 429, map[string]string{"Retry-After": v}, "rate limited")
			c, waits := newTestClient(t, f.URL(), nil)
			if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
				t.Fatalf("CountEngagements: %v", err)
			}
			got := waits.get()
			if len(got) != 2 || got[0] < 50*time.Millisecond || got[0] > 100*time.Millisecond ||
				got[1] < 100*time.Millisecond || got[1] > 200*time.Millisecond {
				t.Errorf("waits = %v, want exponential steps from 100ms", got)
			}
		})
	}
}

func TestRetryAfterTooLongFailsAtOnce(t *testing.T) {
	hourAhead := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name     string
		status   int
		header   map[string]string
		body     string
		wantWait time.Duration // 0: check a range instead (HTTP date)
		wantMsg  string
	}{
		{name: "429 header", status: 429, header: map[string]string{"Retry-After": "11"}, body: tooManyBody, wantWait: 11 * time.Second,
			wantMsg: "DevRev asked to wait 11s before retrying (HTTP 429), longer than max_retry_wait (10s): try again later or raise max_retry_wait; " +
				"DevRev answered POST /engagements.count with HTTP 429 Too Many Requests (too_many_requests): slow down; x-request-id req-1"},
		{name: "503 header", status: 503, header: map[string]string{"Retry-After": "3600"},
			body: `{"type":"service_unavailable","message":"down for maintenance"}`, wantWait: time.Hour,
			wantMsg: "DevRev asked to wait 1h0m0s before retrying (HTTP 503), longer than max_retry_wait (10s): try again later or raise max_retry_wait; " +
				"DevRev answered POST /engagements.count with HTTP 503 Service Unavailable (service_unavailable): down for maintenance; x-request-id req-1"},
		{name: "429 body only", status: 429, body: `{"type":"too_many_requests","message":"slow down","retry_after":300}`, wantWait: 5 * time.Minute,
			wantMsg: "DevRev asked to wait 5m0s before retrying (HTTP 429), longer than max_retry_wait (10s): try again later or raise max_retry_wait; " +
				"DevRev answered POST /engagements.count with HTTP 429 Too Many Requests (too_many_requests): slow down; x-request-id req-1"},
		{name: "429 HTTP date", status: 429, header: map[string]string{"Retry-After": hourAhead}, body: tooManyBody},
		{name: "absurdly long", status: 429, header: map[string]string{"Retry-After": "10000000000"}, body: tooManyBody},
		{name: "absurdly long body", status: 429, body: `{"type":"too_many_requests","retry_after":10000000000}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = failFirst(100, tt.status, tt.header, tt.body)
			c, waits := newTestClient(t, f.URL(), nil)
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			var tooLong *RetryAfterTooLongError
			if !errors.As(err, &tooLong) {
				t.Fatalf("err = %v, want *RetryAfterTooLongError", err)
			}
			if f.count() != 1 || len(waits.get()) != 0 {
				t.Errorf("requests %d waits %v, want 1 request and no wait", f.count(), waits.get())
			}
			if tooLong.Max != 10*time.Second {
				t.Errorf("Max = %v, want 10s", tooLong.Max)
			}
			switch {
			case tt.wantWait != 0 && tooLong.Wait != tt.wantWait:
				t.Errorf("Wait = %v, want %v", tooLong.Wait, tt.wantWait)
			case tt.wantWait == 0 && tooLong.Wait <= 10*time.Second:
				t.Errorf("Wait = %v, want more than the 10s maximum", tooLong.Wait)
			}
			if tt.wantMsg != "" && err.Error() != tt.wantMsg {
				t.Errorf("message:\n got %s\nwant %s", err.Error(), tt.wantMsg)
			}
			// The wait as a person reads it: whole seconds.
			if rounded := tooLong.Wait.Round(time.Second).String(); !strings.Contains(err.Error(), "wait "+rounded+" before retrying") {
				t.Errorf("message %q does not name the wait %v as %s", err.Error(), tooLong.Wait, rounded)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status || apiErr.Attempts != 1 || apiErr.RequestID != "req-1" {
				t.Errorf("unwrapped APIError = %+v", apiErr)
			}
		})
	}
}

func TestServerErrorsRetriedWithExponentialBackoff(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			f := newFake(t, 10)
			f.intercept = failFirst(5, status, nil, `{"type":"internal_error","message":"oops"}`)
			c, waits := newTestClient(t, f.URL(), func(o *Options) {
				o.MinRetryWait = 100 * time.Millisecond
				o.MaxRetryWait = time.Second
			})
			n, err := c.CountEngagements(context.Background(), EngagementFilter{})
			if err != nil || n != 10 {
				t.Fatalf("CountEngagements = %d, %v", n, err)
			}
			if f.count() != 6 {
				t.Errorf("requests = %d, want 6", f.count())
			}
			got := waits.get()
			if len(got) != 5 {
				t.Fatalf("waits = %v, want 5", got)
			}
			for i, d := range got {
				hi := min(100*time.Millisecond<<i, time.Second)
				if d < hi/2 || d > hi {
					t.Errorf("wait %d = %v, want within [%v, %v]", i, d, hi/2, hi)
				}
			}
		})
	}
}

func TestExponentialBounds(t *testing.T) {
	const minWait, maxWait = time.Second, 60 * time.Second
	for attempt := 0; attempt < 12; attempt++ {
		hi := min(minWait<<attempt, maxWait)
		distinct := map[time.Duration]bool{}
		for range 300 {
			d := exponential(minWait, maxWait, attempt)
			if d < hi/2 || d > hi {
				t.Fatalf("exponential(1s, 60s, %d) = %v, want within [%v, %v]", attempt, d, hi/2, hi)
			}
			distinct[d] = true
		}
		if len(distinct) < 100 {
			t.Errorf("attempt %d: only %d distinct waits in 300: no jitter?", attempt, len(distinct))
		}
	}
	// A huge attempt number must not overflow.
	if d := exponential(minWait, maxWait, 1000); d < 30*time.Second || d > maxWait {
		t.Errorf("exponential(attempt 1000) = %v", d)
	}
	// Degenerate steps.
	if d := exponential(1, time.Second, 0); d != 1 {
		t.Errorf("exponential(1ns) = %v, want 1ns", d)
	}
	if d := exponential(5*time.Second, time.Second, 0); d < 500*time.Millisecond || d > time.Second {
		t.Errorf("min above max: %v, want within [0.5s, 1s]", d)
	}
}

func TestBackoffPolicy(t *testing.T) {
	resp := func(status int, retryAfter string) *http.Response {
		r := &http.Response{StatusCode: status, Header: http.Header{}}
		if retryAfter != "" {
			r.Header.Set("Retry-After", retryAfter)
		}
		return r
	}
	var seen []time.Duration
	b := backoff(func(d time.Duration) time.Duration { seen = append(seen, d); return 42 })
	if got := b(time.Second, time.Minute, 0, resp(429, "7")); got != 42 {
		t.Errorf("backoff returned %v, want what the hook returned", got)
	}
	if got := b(time.Second, time.Minute, 3, resp(503, "2")); got != 42 {
		t.Errorf("backoff returned %v", got)
	}
	if want := []time.Duration{7 * time.Second, 2 * time.Second}; !slices.Equal(seen, want) {
		t.Errorf("hook saw %v, want %v", seen, want)
	}

	plain := backoff(nil)
	// A Retry-After on other statuses is not DevRev's rate limiting.
	if d := plain(time.Second, time.Minute, 0, resp(500, "30")); d < 500*time.Millisecond || d > time.Second {
		t.Errorf("500 with Retry-After: %v, want exponential", d)
	}
	if d := plain(time.Second, time.Minute, 2, nil); d < 2*time.Second || d > 4*time.Second {
		t.Errorf("no response, attempt 2: %v, want within [2s, 4s]", d)
	}
	if d := plain(time.Second, 5*time.Second, 0, resp(429, "30")); d != 5*time.Second {
		t.Errorf("Retry-After above max: %v, want the 5s cap", d)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{"-1", 0, false},
		{"abc", 0, false},
		{"Tue, 02 Jan 2024 03:04:15 GMT", 10 * time.Second, true},
		{"Tuesday, 02-Jan-24 03:05:05 GMT", time.Minute, true}, // RFC 850
		{"Tue Jan  2 03:04:06 2024", time.Second, true},        // ANSI C
		{"Tue, 02 Jan 2024 03:00:00 GMT", 0, true},             // in the past
		{"9223372036", 9223372036 * time.Second, true},         // the largest whole number of seconds a Duration holds
		{"9223372037", time.Duration(1<<63 - 1), true},         // beyond it: as long as can be
		{"99999999999999999999", 0, false},                     // not an int64
	}
	for _, tt := range tests {
		r := &http.Response{Header: http.Header{"Retry-After": {tt.v}}}
		got, ok := retryAfter(r, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 501} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = failFirst(100, status, nil, `{"type":"some_error","message":"no"}`)
			c, waits := newTestClient(t, f.URL(), nil)
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.Attempts != 1 {
				t.Fatalf("err = %v, want a %d *APIError after one attempt", err, status)
			}
			if f.count() != 1 || len(waits.get()) != 0 {
				t.Errorf("requests %d waits %v, want 1 and none", f.count(), waits.get())
			}
			if strings.Contains(err.Error(), "gave up") {
				t.Errorf("message %q mentions giving up", err.Error())
			}
		})
	}
}

func TestGivingUp(t *testing.T) {
	body := `{"type":"internal_error","message":"boom","reference_id":"ref-77"}`
	tests := []struct {
		name       string
		maxRetries *int
		status     int
		header     map[string]string
		attempts   int
	}{
		{name: "no retries", maxRetries: ptr(0), status: 500, attempts: 1},
		{name: "two retries", maxRetries: ptr(2), status: 500, attempts: 3},
		{name: "default retries", maxRetries: nil, status: 502, attempts: DefaultMaxRetries + 1},
		{name: "429 without Retry-After", maxRetries: ptr(2), status: 429, attempts: 3},
		{name: "503 with Retry-After", maxRetries: ptr(1), status: 503, header: map[string]string{"Retry-After": "1"}, attempts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 5)
			f.intercept = failFirst(1000, tt.status, tt.header, body)
			c, waits := newTestClient(t, f.URL(), func(o *Options) { o.MaxRetries = tt.maxRetries })
			_, err := c.CountEngagements(context.Background(), EngagementFilter{})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.Attempts != tt.attempts || f.count() != tt.attempts || len(waits.get()) != tt.attempts-1 {
				t.Errorf("Attempts %d requests %d waits %d, want %d %d %d",
					apiErr.Attempts, f.count(), len(waits.get()), tt.attempts, tt.attempts, tt.attempts-1)
			}
			want := fmt.Sprintf("DevRev answered POST /engagements.count with HTTP %d %s (internal_error): boom", tt.status, http.StatusText(tt.status))
			if tt.attempts > 1 {
				want += fmt.Sprintf("; gave up after %d attempts", tt.attempts)
			}
			want += fmt.Sprintf("; reference_id ref-77; x-request-id req-%d", tt.attempts)
			if err.Error() != want {
				t.Errorf("message:\n got %s\nwant %s", err.Error(), want)
			}
		})
	}
}

func TestNegativeMaxRetriesRejected(t *testing.T) {
	_, err := New(Options{Token: "x", MaxRetries: ptr(-1)})
	if err == nil || err.Error() != "max_retries must be 0 or more, got -1" {
		t.Errorf("New(MaxRetries -1) error = %v", err)
	}
}

// hijackClose answers a request by closing the connection without a word.
func hijackClose(t *testing.T, w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

func TestConnectionErrorsRetried(t *testing.T) {
	t.Run("dropped then answered", func(t *testing.T) {
		f := newFake(t, 5)
		f.intercept = func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
			if n <= 2 {
				hijackClose(t, w)
				return true
			}
			return false
		}
		c, waits := newTestClient(t, f.URL(), nil)
		n, err := c.CountEngagements(context.Background(), EngagementFilter{})
		if err != nil || n != 5 {
			t.Fatalf("CountEngagements = %d, %v", n, err)
		}
		if f.count() != 3 || len(waits.get()) != 2 {
			t.Errorf("requests %d waits %v, want 3 requests and 2 waits", f.count(), waits.get())
		}
		for i, b := range f.bodies() {
			if b != `{}` {
				t.Errorf("attempt %d sent %q", i+1, b)
			}
		}
	})
	t.Run("always dropped", func(t *testing.T) {
		f := newFake(t, 5)
		f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
			hijackClose(t, w)
			return true
		}
		c, waits := newTestClient(t, f.URL(), func(o *Options) { o.MaxRetries = ptr(2) })
		_, err := c.CountEngagements(context.Background(), EngagementFilter{})
		if err == nil || !strings.HasPrefix(err.Error(), "POST /engagements.count failed after 3 attempt(s): ") {
			t.Fatalf("err = %v", err)
		}
		if f.count() != 3 || len(waits.get()) != 2 {
			t.Errorf("requests %d waits %v, want 3 and 2", f.count(), waits.get())
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			t.Errorf("a dropped connection is not an API answer: %+v", apiErr)
		}
	})
	t.Run("closed listener", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		endpoint := srv.URL
		srv.Close()
		c, waits := newTestClient(t, endpoint, func(o *Options) { o.MaxRetries = ptr(2) })
		_, err := c.CountEngagements(context.Background(), EngagementFilter{})
		if err == nil || !strings.HasPrefix(err.Error(), "POST /engagements.count failed after 3 attempt(s): ") {
			t.Fatalf("err = %v", err)
		}
		var opErr *net.OpError
		if !errors.As(err, &opErr) || opErr.Op != "dial" {
			t.Errorf("err = %v, want it to wrap the dial *net.OpError", err)
		}
		if got := waits.get(); len(got) != 2 || got[0] < 50*time.Millisecond || got[0] > 100*time.Millisecond ||
			got[1] < 100*time.Millisecond || got[1] > 200*time.Millisecond {
			t.Errorf("waits = %v, want two exponential steps from 100ms", got)
		}
	})
}

// The server holds each request until the client hangs up (hang), so only
// request_timeout ends an attempt: without it the server would answer an
// empty 200 after its backstop, which is no timeout.
func TestRequestTimeoutBoundsEachAttempt(t *testing.T) {
	f := newFake(t, 5)
	f.intercept = func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
		hang(r)
		return true
	}
	var log attemptLog
	c, waits := newTestClient(t, f.URL(), func(o *Options) {
		o.RequestTimeout = 150 * time.Millisecond
		o.MaxRetries = ptr(1)
		o.Transport = log.transport()
	})
	_, err := c.CountEngagements(context.Background(), EngagementFilter{})
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if !strings.HasPrefix(err.Error(), "POST /engagements.count failed after 2 attempt(s): ") {
		t.Errorf("err = %v", err)
	}
	if attempts, _ := log.get(); attempts != 2 || len(waits.get()) != 1 {
		t.Errorf("attempts %d waits %v, want 2 and 1", attempts, waits.get())
	}
}

func TestCancelDuringRetryWait(t *testing.T) {
	t.Run("real wait", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		f := newFake(t, 5)
		f.intercept = func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) bool {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"type": "service_unavailable", "message": "busy"})
			return true
		}
		// The first wait is half an hour at least, slept as computed: the
		// hook only tells the test that it began, and Ctrl-C comes from
		// elsewhere. A wait that did not end with the context would hang
		// the test until go test -timeout.
		waiting := make(chan time.Duration, 1)
		c, err := New(Options{Endpoint: f.URL(), Token: testToken, MinRetryWait: time.Hour, MaxRetryWait: 2 * time.Hour,
			Wait: func(d time.Duration) time.Duration { waiting <- d; return d }})
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			if d := <-waiting; d < 30*time.Minute {
				t.Errorf("the client waits %v, want the first backoff step of at least 30m", d)
			}
			cancel()
		}()
		_, err = c.CountEngagements(ctx, EngagementFilter{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if f.count() != 1 {
			t.Errorf("requests = %d, want 1", f.count())
		}
		if err.Error() != "POST /engagements.count: context canceled" {
			t.Errorf("message = %q", err.Error())
		}
	})
	t.Run("wait hook cancels", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		f := newFake(t, 5)
		f.intercept = failFirst(100, 500, nil, `{"type":"internal_error","message":"x"}`)
		var computed []time.Duration
		c, _ := newTestClient(t, f.URL(), func(o *Options) {
			o.Wait = func(d time.Duration) time.Duration {
				computed = append(computed, d)
				cancel()
				return time.Hour // cut short by the context, or a hang for go test -timeout
			}
		})
		_, err := c.ListEngagements(ctx, ListEngagementsRequest{}, ListOptions{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if f.count() != 1 || len(computed) != 1 {
			t.Errorf("requests %d waits %v, want 1 and 1", f.count(), computed)
		}
		if want := "reading page 1 of engagements: POST /engagements.list: context canceled"; err.Error() != want {
			t.Errorf("message = %q, want %q", err.Error(), want)
		}
	})
}

// cancelAfterRead cancels a context once the first bytes of a body are
// read, while the rest is still to come.
type cancelAfterRead struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelAfterRead) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.cancel()
	}
	return n, err
}

func TestCancelDuringSlowResponse(t *testing.T) {
	slow := func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return true
	}
	// cancelled runs GetEngagement against a server answering with
	// intercept, cancels it at the moment cancelAt names (the server has
	// the request; the client has read the first bytes of the body), and
	// checks that
	// it stopped with context.Canceled after exactly one request and no
	// retry wait. A read that did not stop would hang until the server's
	// backstop, then fail on the half-sent answer.
	type moment int
	const (
		requestArrived moment = iota
		bodyStarted
	)
	cancelled := func(t *testing.T, cancelAt moment, intercept func(http.ResponseWriter, *http.Request, int, []byte) bool) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		f := newFake(t, 5)
		f.intercept = func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool {
			if cancelAt == requestArrived {
				cancel()
			}
			return intercept(w, r, n, body)
		}
		c, waits := newTestClient(t, f.URL(), func(o *Options) {
			o.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				resp, err := http.DefaultTransport.RoundTrip(r)
				if err == nil && cancelAt == bodyStarted {
					resp.Body = &cancelAfterRead{ReadCloser: resp.Body, cancel: cancel}
				}
				return resp, err
			})
		})
		_, err := c.GetEngagement(ctx, "ENG-1")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if f.count() != 1 || len(waits.get()) != 0 {
			t.Errorf("requests %d waits %v: a cancelled request was retried", f.count(), waits.get())
		}
	}
	t.Run("waiting for headers", func(t *testing.T) { cancelled(t, requestArrived, slow) })
	t.Run("reading the body", func(t *testing.T) {
		cancelled(t, bodyStarted, func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"engagement":{"display_id":"ENG-1",`))
			_ = http.NewResponseController(w).Flush()
			return slow(w, r, 0, nil)
		})
	})
	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		f := newFake(t, 5)
		c, _ := newTestClient(t, f.URL(), nil)
		_, err := c.CountEngagements(ctx, EngagementFilter{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if f.count() != 0 {
			t.Errorf("requests = %d, want 0", f.count())
		}
	})
}
