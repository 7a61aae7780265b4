package devrev

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// retryable reports whether a response status is worth another attempt:
// rate limiting and server-side failures, but not 501 Not Implemented, which
// will not change.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests ||
		(status >= 500 && status <= 599 && status != http.StatusNotImplemented)
}

// maxTimeouts is how many attempts of one request may time out. A server
// that let one attempt run into request_timeout is likely to do it again, so
// only one such attempt is retried, whatever max_retries says: a server that
// never answers fails the read after two timeouts instead of one per
// attempt. Timed-out attempts count against max_retries like any other
// failure.
const maxTimeouts = 2

// attempts is what one request (all its attempts) has been through; post
// puts it in the request's context.
type attempts struct {
	mu       sync.Mutex
	timeouts int
	// backedOff is when the latest Retry-After this request itself backed
	// off for ends: the budget does not hold the retry a second time.
	backedOff time.Time
}

type attemptsKey struct{}

func withAttempts(ctx context.Context) context.Context {
	return context.WithValue(ctx, attemptsKey{}, &attempts{})
}

func attemptsFrom(ctx context.Context) *attempts {
	a, _ := ctx.Value(attemptsKey{}).(*attempts)
	return a
}

// timedOut counts one timed-out attempt and reports how many there were.
func (a *attempts) timedOut() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.timeouts++
	return a.timeouts
}

// backOff records that this request waits for a Retry-After until t.
func (a *attempts) backOff(t time.Time) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.backedOff = t
}

func (a *attempts) backedOffUntil() time.Time {
	if a == nil {
		return time.Time{}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.backedOff
}

// checkRetry is retryablehttp's CheckRetry policy.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	var redirect *RedirectError
	if errors.As(err, &redirect) {
		return false, err // the same request would get the same redirect
	}
	var tooLong *RetryAfterTooLongError
	if errors.As(err, &tooLong) {
		return false, err // the rate budget refused a wait past max_retry_wait; waiting is what retrying would do
	}
	var timeout *TimeoutError
	if errors.As(err, &timeout) {
		if a := attemptsFrom(ctx); a != nil && a.timedOut() >= maxTimeouts {
			return false, err
		}
	}
	if err != nil {
		// Connection errors: retryablehttp knows which ones will never
		// succeed (bad scheme, TLS verification, redirect loops).
		retry, policyErr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		if retry {
			tflog.Warn(ctx, "DevRev API request failed with a retryable error", map[string]any{"error": err.Error()})
		}
		return retry, policyErr
	}
	if !retryable(resp.StatusCode) {
		return false, nil
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		// A body-only `retry_after` is in the header by now
		// (normalizeRetryAfter), so there is one source to read.
		wait, ok := retryAfter(resp, time.Now())
		if ok && wait > c.maxRetryWait {
			return false, &RetryAfterTooLongError{Wait: wait, Max: c.maxRetryWait}
		}
	}
	tflog.Warn(ctx, "DevRev API answered with a retryable status", map[string]any{
		"status":     resp.StatusCode,
		"request_id": resp.Header.Get("X-Request-Id"),
	})
	return true, nil
}

// backoff is retryablehttp's Backoff policy: a Retry-After on a 429 or 503
// is honoured as sent (checkRetry already refused one above the maximum),
// unless it is zero;
// anything else backs off exponentially from min, capped at max, with
// jitter so that many plans hitting one tenant do not retry in lockstep.
// wait, when set, may replace every computed duration (tests).
func backoff(wait func(time.Duration) time.Duration) retryablehttp.Backoff {
	return func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		d, ok := time.Duration(0), false
		if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
			d, ok = retryAfter(resp, time.Now())
		}
		// "Retry-After: 0" (or a date already past) on a 429 says nothing
		// about when the limit lifts; retrying at once would spend every
		// attempt within a second, so it backs off like an answer without
		// one.
		ok = ok && d > 0
		if !ok {
			d = exponential(minWait, maxWait, attempt)
		}
		if d > maxWait {
			d = maxWait
		}
		if ok && resp.Request != nil {
			attemptsFrom(resp.Request.Context()).backOff(time.Now().Add(d))
		}
		if wait != nil {
			return wait(d)
		}
		return d
	}
}

// exponential returns min·2^attempt capped at max, with "equal jitter": a
// random point in the upper half of that step.
func exponential(minWait, maxWait time.Duration, attempt int) time.Duration {
	d := minWait
	for i := 0; i < attempt && d < maxWait; i++ {
		d *= 2
	}
	if d > maxWait {
		d = maxWait
	}
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// retryAfter reads the Retry-After header in both of its forms: a number of
// seconds, or an HTTP date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return seconds(secs), true
	}
	if at, err := http.ParseTime(v); err == nil {
		d := at.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// seconds converts a number of seconds that DevRev sent into a Duration,
// saturating rather than overflowing into a negative (immediate) wait.
func seconds(secs int64) time.Duration {
	if secs > int64(math.MaxInt64/time.Second) {
		return math.MaxInt64
	}
	return time.Duration(secs) * time.Second
}

// retryAfterBody reads `retry_after` from a 429 or 503 body and puts the
// body back for whoever reads the response next.
func retryAfterBody(resp *http.Response) (int64, bool) {
	if resp.Body == nil {
		return 0, false
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var body struct {
		RetryAfter *int64 `json:"retry_after"`
	}
	if json.Unmarshal(data, &body) != nil || body.RetryAfter == nil || *body.RetryAfter < 0 {
		return 0, false
	}
	return *body.RetryAfter, true
}

// logRequest is retryablehttp's RequestLogHook. The context of req carries
// the masks set in post, so the Authorization header is logged masked. (A
// request always goes to the endpoint's origin first; a redirect elsewhere is
// refused before it is sent.)
func (c *Client) logRequest(_ retryablehttp.Logger, req *http.Request, retry int) {
	tflog.Debug(req.Context(), "Sending DevRev API request", map[string]any{
		"method":        req.Method,
		"url":           req.URL.String(),
		"attempt":       retry + 1,
		"Authorization": c.authorization, // added by authTransport; masked by key
		"User-Agent":    req.Header.Get("User-Agent"),
	})
}

// logResponse is retryablehttp's ResponseLogHook.
func logResponse(_ retryablehttp.Logger, resp *http.Response) {
	if resp.Request == nil {
		return
	}
	tflog.Debug(resp.Request.Context(), "Received DevRev API response", map[string]any{
		"status":              resp.StatusCode,
		"request_id":          resp.Header.Get("X-Request-Id"),
		"ratelimit_remaining": resp.Header.Get("X-Ratelimit-Remaining"),
		"content_length":      resp.ContentLength,
		"retry_after":         resp.Header.Get("Retry-After"),
		"uncompressed_by_go":  resp.Uncompressed,
	})
}
