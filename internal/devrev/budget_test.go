package devrev

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

// arrivals counts the requests that reached a server. When they arrived is
// no measure on a busy machine; the waits the client recorded are.
type arrivals struct{ n atomic.Int32 }

// add counts one request and returns its number, from 1.
func (a *arrivals) add() int { return int(a.n.Add(1)) }

func (a *arrivals) count() int { return int(a.n.Load()) }

// After one request gets a Retry-After (in any of its forms), no request
// of the same client goes out before the moment it names, whichever caller
// sends it: each one is held for the rest of that wait. The waits are
// recorded through Options.Wait (and cut short), so the test reads what the
// client decided rather than a stopwatch; the Retry-After is an hour, so
// that however long a busy machine takes between the 429 and the next
// callers, most of it is still to wait.
func TestRetryAfterHoldsEveryCaller(t *testing.T) {
	for _, tt := range []struct {
		name  string
		limit func(w http.ResponseWriter) // writes the 429
		wait  time.Duration               // what the 429 asks for, at most
	}{
		{"seconds", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(429)
		}, time.Hour},
		{"HTTP date", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(429)
		}, time.Hour}, // whole seconds: just under an hour from now
		{"body retry_after", func(w http.ResponseWriter) {
			w.WriteHeader(429)
			_, _ = io.WriteString(w, `{"type":"too_many_requests","message":"slow down","retry_after":3600}`)
		}, time.Hour},
		{"503 Retry-After", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(503)
		}, time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var arr arrivals
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if arr.add() == 1 {
					tt.limit(w)
					return
				}
				countOK(w, r)
			})
			waits := &waitLog{}
			backedOff := make(chan struct{})
			var once sync.Once
			c := hostileClient(t, srv.URL, func(o *Options) {
				o.MaxRetryWait = 2 * time.Hour
				o.Wait = func(d time.Duration) time.Duration {
					d = waits.hook(d)
					// The first wait is the first caller's backoff: the
					// client has read the 429 by then.
					once.Do(func() { close(backedOff) })
					return d
				}
			})
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.CountEngagements(context.Background(), EngagementFilter{})
				errs <- err
			}()
			<-backedOff
			for range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := c.CountEngagements(context.Background(), EngagementFilter{})
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if n := arr.count(); n != 5 {
				t.Fatalf("%d requests, want 5", n)
			}
			// One backoff of the caller that got the 429, which the budget
			// does not hold a second time, and one wait of each other
			// caller: each for what is left of the hour.
			got := waits.get()
			if len(got) != 4 {
				t.Fatalf("waits %v, want 4 (the retry's backoff and one of each other caller)", got)
			}
			for i, d := range got {
				if d <= tt.wait/2 || d > tt.wait {
					t.Errorf("wait %d = %v, want what is left of the %v the 429 asked for", i+1, d, tt.wait)
				}
			}
		})
	}
}

// windowServer answers every request with X-Ratelimit headers from
// remaining(n) and a reset `reset` from now (whole Unix seconds).
func windowHeaders(w http.ResponseWriter, remaining int, reset time.Time) {
	w.Header().Set("X-Ratelimit-Limit", "10")
	w.Header().Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	w.Header().Set("X-Ratelimit-Reset", strconv.FormatInt(reset.Unix(), 10))
}

// When X-Ratelimit-Remaining reaches 0, counting the requests still in
// flight that DevRev may not have counted yet, the next request waits for
// X-Ratelimit-Reset. The reset is an hour away, so that it is still ahead
// however long a busy machine takes over the first three requests; the
// wait is recorded (and cut short) through Options.Wait.
func TestRemainingZeroWaitsForReset(t *testing.T) {
	var arr arrivals
	reset := time.Unix(time.Now().Unix()+3600, 0) // just under an hour away
	three := make(chan struct{})
	var once sync.Once
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n := arr.add()
		if n == 3 {
			once.Do(func() { close(three) })
		}
		if n <= 3 {
			<-three // answer the first three only once all three are in flight
		}
		// Each answer says two are left: true of the first request when
		// it was counted, but the two others were sent after it.
		windowHeaders(w, 2, reset)
		countOK(w, r)
	})
	var logs testsupport.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	waits := &waitLog{}
	c := hostileClient(t, srv.URL, func(o *Options) {
		o.MaxRetryWait = 2 * time.Hour
		o.Wait = waits.hook
	})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.CountEngagements(ctx, EngagementFilter{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := c.CountEngagements(ctx, EngagementFilter{}); err != nil {
		t.Fatal(err)
	}
	if n := arr.count(); n != 4 {
		t.Fatalf("%d requests", n)
	}
	if got := waits.get(); len(got) != 1 || got[0] <= 30*time.Minute || got[0] > time.Hour {
		t.Errorf("waits %v, want one until X-Ratelimit-Reset, less than an hour away", got)
	}
	// The wait is logged at debug, with its reason and length.
	entries, err := tflogtest.MultilineJSONDecode(strings.NewReader(logs.String()))
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range entries {
		if e["@message"] == "Waiting for DevRev's rate limit" {
			found = true
			wait, _ := time.ParseDuration(e["wait"].(string))
			if e["@level"] != "debug" || !strings.Contains(e["reason"].(string), "X-Ratelimit-Reset") || wait <= 30*time.Minute || wait > time.Hour {
				t.Errorf("wait logged as %v", e)
			}
		}
	}
	if !found {
		t.Errorf("no wait in the log:\n%s", logs.String())
	}
}

// A window that resets later than max_retry_wait fails the next request at
// once, like a too-long Retry-After, without sending it.
func TestRemainingZeroBeyondMaxRetryWait(t *testing.T) {
	var arr arrivals
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		arr.add()
		windowHeaders(w, 0, time.Now().Add(time.Hour))
		countOK(w, r)
	})
	waits := &waitLog{}
	c := hostileClient(t, srv.URL, func(o *Options) {
		o.MaxRetryWait = 10 * time.Second
		o.Wait = waits.hook
	})
	if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CountEngagements(context.Background(), EngagementFilter{})
	var tooLong *RetryAfterTooLongError
	if !errors.As(err, &tooLong) || tooLong.Max != 10*time.Second || tooLong.Wait <= 30*time.Minute {
		t.Fatalf("err = %v, want a *RetryAfterTooLongError", err)
	}
	for _, want := range []string{"X-Ratelimit-Reset", "max_retry_wait"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	// At once: the client decided not to wait at all.
	if n, got := arr.count(), waits.get(); n != 1 || len(got) != 0 {
		t.Errorf("%d requests and waits %v, want 1 request and no wait", n, got)
	}
}

// Ctrl-C (the context) ends a budget wait at once. The wait is the real
// one, until a reset an hour away: Ctrl-C comes as it begins (through
// Options.Wait, which leaves it as it is), and a wait that did not end with
// the context would hang the test until go test -timeout.
func TestCancelDuringBudgetWait(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		windowHeaders(w, 0, time.Now().Add(time.Hour))
		countOK(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var waits []time.Duration
	c := hostileClient(t, srv.URL, func(o *Options) {
		o.MaxRetryWait = 2 * time.Hour
		o.Wait = func(d time.Duration) time.Duration {
			waits = append(waits, d)
			cancel()
			return d
		}
	})
	if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CountEngagements(ctx, EngagementFilter{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(waits) != 1 || waits[0] <= 30*time.Minute {
		t.Errorf("waits %v, want one until the reset, less than an hour away", waits)
	}
	if _, paths := srv.seen(); len(paths) != 1 {
		t.Errorf("%d requests, want 1", len(paths))
	}
}

// At most MaxConcurrency requests of one client are in flight, however
// many callers it has; DefaultMaxConcurrency when unset.
func TestMaxConcurrency(t *testing.T) {
	for _, tt := range []struct{ set, want int }{{2, 2}, {0, DefaultMaxConcurrency}} {
		peak, inFlight := mostInFlight()
		// Each request is held until the cap's worth are in flight at once
		// (then all go), rather than for a fixed time that a busy machine
		// may not overlap: the peak is then exactly the cap, and a client
		// that never sends that many at once hangs the test until go test
		// -timeout, whose report shows this wait.
		var arrived atomic.Int32
		full := make(chan struct{})
		srv := newRecorder(t, inFlight(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if arrived.Add(1) == int32(tt.want) {
				close(full)
			}
			<-full
			countOK(w, r)
		})).ServeHTTP)
		c := hostileClient(t, srv.URL, func(o *Options) { o.MaxConcurrency = tt.set })
		var wg sync.WaitGroup
		for range 3 * tt.want {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if got := int(peak.Load()); got != tt.want {
			t.Errorf("MaxConcurrency %d: %d requests in flight at most, want %d", tt.set, got, tt.want)
		}
	}
}
