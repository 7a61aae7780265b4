package devrev

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// DefaultMaxConcurrency is how many requests one Client has in flight at
// most when Options.MaxConcurrency is 0. DevRev's rate limit is per token,
// so every data source shares one budget anyway; the cap bounds the burst.
// At 16 a whole partitioned read reads nearly all of its parts from both
// ends at once (partition_part.go); a lower cap makes it markedly slower, a
// higher one gains little (tools/performance.md, "Partitioned reads", the
// max_concurrency table) and makes every burst against DevRev's per-token
// rate limit larger.
const DefaultMaxConcurrency = 16

// budget is the rate budget every request of one Client shares, whichever
// data source sends it:
//
//   - after a 429 or 503 with a Retry-After (seconds or an HTTP date, or the
//     body's retry_after), no request goes out before the moment it names;
//   - when X-Ratelimit-Remaining says the window is used up (counting the
//     requests sent since the answer that said so, which DevRev may not have
//     counted yet), requests wait for X-Ratelimit-Reset (Unix seconds);
//   - at most MaxConcurrency requests are in flight.
//
// A wait longer than max_retry_wait fails the request at once with a
// *RetryAfterTooLongError, like a too-long Retry-After. Every wait is logged
// at debug level with its reason and length, and the request's context
// (Ctrl-C) ends it.
type budget struct {
	slots   chan struct{}
	maxWait time.Duration
	sleep   func(time.Duration) time.Duration // Options.Wait, or nil

	mu        sync.Mutex
	notBefore time.Time // from the latest Retry-After
	resetAt   time.Time // end of the window `left` describes; zero: nothing known
	left      int       // requests estimated left in that window
	sent      uint64    // requests sent so far, to date each answer
}

func newBudget(maxConcurrency int, maxWait time.Duration, sleep func(time.Duration) time.Duration) *budget {
	return &budget{slots: make(chan struct{}, maxConcurrency), maxWait: maxWait, sleep: sleep}
}

// budgetTransport applies the budget to every attempt (retries and
// same-origin redirects included).
type budgetTransport struct {
	budget *budget
	next   http.RoundTripper
}

func (t *budgetTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	b := t.budget
	ctx := req.Context()
	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := sync.OnceFunc(func() { <-b.slots })
	seq, err := b.admit(ctx)
	if err != nil {
		release()
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	normalizeRetryAfter(resp)
	b.observe(resp, seq)
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// releasingBody frees the in-flight slot when the body is closed: a request
// is in flight until its answer has been read.
type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// admit waits until the budget lets one more request go, then counts it
// as sent and returns its sequence number.
func (b *budget) admit(ctx context.Context) (uint64, error) {
	var waitedFor time.Time
	for {
		b.mu.Lock()
		now := time.Now()
		until, reason := b.blockedUntil(now, attemptsFrom(ctx))
		if until.IsZero() || until.Equal(waitedFor) {
			// Free to go; or the wait for this very moment is over (the
			// test hook may have made it shorter than the clock says).
			b.sent++
			if !b.resetAt.IsZero() {
				b.left--
			}
			seq := b.sent
			b.mu.Unlock()
			return seq, nil
		}
		b.mu.Unlock()
		wait := until.Sub(now)
		if wait > b.maxWait {
			return 0, &RetryAfterTooLongError{Wait: wait, Max: b.maxWait, Reason: reason}
		}
		tflog.Debug(ctx, "Waiting for DevRev's rate limit", map[string]any{
			"reason": reason,
			"wait":   humanDuration(wait),
			// The moment itself: waits logged together overlap, and
			// only their moments tell for how long requests were held.
			"until": until.UTC().Format(time.RFC3339Nano),
		})
		if b.sleep != nil {
			wait = b.sleep(wait)
		}
		if err := sleepCtx(ctx, wait); err != nil {
			return 0, err
		}
		waitedFor = until
	}
}

// blockedUntil is the moment the next request may go, zero when it may go
// now, with the reason. b.mu is held.
func (b *budget) blockedUntil(now time.Time, a *attempts) (time.Time, string) {
	var until time.Time
	var reason string
	if now.Before(b.notBefore) && (a == nil || a.backedOffUntil().Before(b.notBefore)) {
		until, reason = b.notBefore, "Retry-After"
	}
	if !b.resetAt.IsZero() {
		switch {
		case !now.Before(b.resetAt):
			b.resetAt = time.Time{} // a new window: nothing known about it yet
		case b.left <= 0 && b.resetAt.After(until):
			until, reason = b.resetAt, "X-Ratelimit-Remaining reached 0 until X-Ratelimit-Reset"
		}
	}
	return until, reason
}

// observe learns from one answer: its Retry-After and its X-Ratelimit-*
// headers. seq is the sequence number of the request it answers.
func (b *budget) observe(resp *http.Response, seq uint64) {
	now := time.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if wait, ok := retryAfter(resp, now); ok {
			if at := now.Add(wait); at.After(b.notBefore) {
				b.notBefore = at
			}
			// Retry-After names the moment; the same answer's window
			// headers add nothing to it (and some servers send a
			// Remaining of 0 with a Reset far beyond it).
			return
		}
	}
	remaining, err1 := strconv.Atoi(strings.TrimSpace(resp.Header.Get("X-Ratelimit-Remaining")))
	reset, err2 := strconv.ParseInt(strings.TrimSpace(resp.Header.Get("X-Ratelimit-Reset")), 10, 64)
	if err1 != nil || err2 != nil || remaining < 0 {
		return
	}
	resetAt := time.Unix(reset, 0)
	if !resetAt.After(now) {
		return // a window already over (or not a Unix time at all)
	}
	// Requests sent after this one may not be counted in `remaining` yet.
	estimate := remaining - int(b.sent-seq)
	switch {
	case resetAt.After(b.resetAt):
		b.resetAt, b.left = resetAt, estimate
	case resetAt.Equal(b.resetAt):
		b.left = min(b.left, estimate)
	}
}

// normalizeRetryAfter copies a 429 or 503 body's retry_after into the
// Retry-After header when the header is missing or unreadable, so that the
// budget, the retry policy and the error all read one source.
func normalizeRetryAfter(resp *http.Response) {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return
	}
	if _, ok := retryAfter(resp, time.Now()); ok {
		return
	}
	if secs, found := retryAfterBody(resp); found {
		resp.Header.Set("Retry-After", strconv.FormatInt(secs, 10))
	}
}

// sleepCtx sleeps d, or less when ctx ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
