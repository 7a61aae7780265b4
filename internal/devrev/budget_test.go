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
)

// arrivals records when each request reached a server.
type arrivals struct {
	mu    sync.Mutex
	times []time.Time
}

func (a *arrivals) add() (n int, at time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	at = time.Now()
	a.times = append(a.times, at)
	return len(a.times), at
}

func (a *arrivals) all() []time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]time.Time(nil), a.times...)
}

// After one request gets a Retry-After (in any of its forms), no request
// of the same client goes out before the moment it names, whichever caller
// sends it.
func TestRetryAfterHoldsEveryCaller(t *testing.T) {
	for _, tt := range []struct {
		name  string
		limit func(w http.ResponseWriter) // writes the 429
		wait  time.Duration               // at least this long after the 429
	}{
		{"seconds", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
		}, time.Second},
		{"HTTP date", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(429)
		}, time.Second}, // whole seconds: between 1 and 2 s from now
		{"body retry_after", func(w http.ResponseWriter) {
			w.WriteHeader(429)
			_, _ = io.WriteString(w, `{"type":"too_many_requests","message":"slow down","retry_after":1}`)
		}, time.Second},
		{"503 Retry-After", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(503)
		}, time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var arr arrivals
			limited := make(chan time.Time, 1)
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				n, at := arr.add()
				if n == 1 {
					tt.limit(w)
					limited <- at
					return
				}
				countOK(w, r)
			})
			c := hostileClient(t, srv.URL, func(o *Options) { o.MaxRetryWait = 5 * time.Second })
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.CountEngagements(context.Background(), EngagementFilter{})
				errs <- err
			}()
			at429 := <-limited
			time.Sleep(50 * time.Millisecond) // the client has seen the 429 by now
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
			times := arr.all()
			if len(times) != 5 {
				t.Fatalf("%d requests, want 5", len(times))
			}
			for i, at := range times[1:] {
				// The client dates the Retry-After from when it read the
				// answer, a little after the server sent it.
				if gap := at.Sub(at429); gap < tt.wait-20*time.Millisecond {
					t.Errorf("request %d went out %v after the 429, want at least %v", i+2, gap, tt.wait)
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
// X-Ratelimit-Reset.
func TestRemainingZeroWaitsForReset(t *testing.T) {
	var arr arrivals
	reset := time.Unix(time.Now().Unix()+2, 0) // 1 to 2 s away
	three := make(chan struct{})
	var once sync.Once
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := arr.add()
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
	var logs lockedBuffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	c := hostileClient(t, srv.URL, func(o *Options) { o.MaxRetryWait = 5 * time.Second })
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
	times := arr.all()
	if len(times) != 4 {
		t.Fatalf("%d requests", len(times))
	}
	if times[3].Before(reset) {
		t.Errorf("the fourth request went out %v before X-Ratelimit-Reset", reset.Sub(times[3]))
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
			if e["@level"] != "debug" || !strings.Contains(e["reason"].(string), "X-Ratelimit-Reset") || wait <= 0 || wait > 2*time.Second {
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
		windowHeaders(w, 0, time.Now().Add(5*time.Minute))
		countOK(w, r)
	})
	c := hostileClient(t, srv.URL, func(o *Options) { o.MaxRetryWait = 10 * time.Second })
	if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := c.CountEngagements(context.Background(), EngagementFilter{})
	var tooLong *RetryAfterTooLongError
	if !errors.As(err, &tooLong) || tooLong.Max != 10*time.Second || tooLong.Wait < 4*time.Minute {
		t.Fatalf("err = %v, want a *RetryAfterTooLongError", err)
	}
	for _, want := range []string{"X-Ratelimit-Reset", "max_retry_wait"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v", took)
	}
	if n := len(arr.all()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// Ctrl-C (the context) ends a budget wait at once.
func TestCancelDuringBudgetWait(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		windowHeaders(w, 0, time.Now().Add(30*time.Second))
		countOK(w, r)
	})
	c := hostileClient(t, srv.URL, func(o *Options) { o.MaxRetryWait = time.Minute })
	if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.CountEngagements(ctx, EngagementFilter{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v to stop", took)
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
		// may not overlap: the peak is then exactly the cap, or the
		// test's backstop lets a client that sends fewer fail.
		var arrived atomic.Int32
		full := make(chan struct{})
		srv := newRecorder(t, inFlight(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if arrived.Add(1) == int32(tt.want) {
				close(full)
			}
			select {
			case <-full:
			case <-time.After(5 * time.Second):
			}
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
