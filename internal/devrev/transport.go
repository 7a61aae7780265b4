package devrev

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The client's transport is a chain of small http.RoundTrippers, each with
// one job, outermost first:
//
//	budget     one rate budget and in-flight cap per Client (budget.go)
//	timeout    bounds one attempt, from sending to the end of the body
//	auth       adds Authorization, only for the endpoint's own origin
//	bodyCap    fails a body that grows past MaxBodyBytes once decompressed
//	base       net/http's pooled transport (or Options.Transport)
//
// The http.Client around it refuses redirects that leave the endpoint's
// origin (checkRedirect). The rate-budget wait sits outside the attempt
// timeout on purpose: waiting for DevRev's rate limit is not a slow server.

// MaxBodyBytes is the most a response body may hold once decompressed. A page
// of MaxPageSize items is a small fraction of it (tools/performance.md,
// "Other measurements"); 64 MiB is far above anything DevRev sends and low
// enough that a broken or hostile server (a huge body, a small gzip body
// that expands to gigabytes) cannot exhaust the plan's memory.
const MaxBodyBytes = 64 << 20

// maxRedirects bounds same-origin redirects (Go's own default is 10).
const maxRedirects = 3

// origin is what a URL's origin is made of: scheme, host and port, the port
// made explicit so that "https://h" and "https://h:443" are one origin.
type origin struct{ scheme, host, port string }

func originOf(u *url.URL) origin {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return origin{scheme: scheme, host: strings.ToLower(u.Hostname()), port: port}
}

// String is the origin as a URL prefix, never with a path, query or
// credentials.
func (o origin) String() string {
	host := o.host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return o.scheme + "://" + host + ":" + o.port
}

// authTransport adds the Authorization header to requests for the
// endpoint's origin and to no other. The header is added here, on a copy of
// the request, rather than on the request the http.Client sees, so that
// net/http's redirect handling (which keeps Authorization when only the port
// or scheme changes) has nothing to copy.
type authTransport struct {
	origin        origin
	authorization string
	next          http.RoundTripper
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.authorization == "" || originOf(req.URL) != t.origin {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", t.authorization)
	return t.next.RoundTrip(r)
}

// RedirectError is a redirect the client did not follow.
type RedirectError struct {
	StatusCode int
	// Target is the origin the redirect pointed to (scheme://host:port);
	// its path and query are left out on purpose, as they may carry
	// anything.
	Target string
	// CrossOrigin is true when Target is not the endpoint's origin.
	CrossOrigin bool
	// Reason explains a same-origin redirect that was refused.
	Reason string
}

func (e *RedirectError) Error() string {
	if e.CrossOrigin {
		return fmt.Sprintf("the endpoint answered HTTP %d, a redirect to another origin (%s); the provider does not follow it "+
			"and did not send the token there: set endpoint to the URL that serves DevRev's API", e.StatusCode, e.Target)
	}
	return fmt.Sprintf("the endpoint answered HTTP %d, a redirect to %s that the provider does not follow: %s; "+
		"set endpoint to the URL that serves DevRev's API", e.StatusCode, e.Target, e.Reason)
}

// checkRedirect is the http.Client's redirect policy. Redirects that leave
// the endpoint's origin are refused: the token must reach only the
// endpoint. Within the origin only 307 and 308 are followed (up to
// maxRedirects), because they repeat the POST with its body; 301, 302 and
// 303 would turn it into a GET without the body, that is, without the
// filters, and silently read something else.
func (t *authTransport) checkRedirect(req *http.Request, via []*http.Request) error {
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	target := originOf(req.URL)
	if target != t.origin {
		return &RedirectError{StatusCode: status, Target: target.String(), CrossOrigin: true}
	}
	if status != http.StatusTemporaryRedirect && status != http.StatusPermanentRedirect {
		return &RedirectError{StatusCode: status, Target: target.String(),
			Reason: "it would repeat the POST as a GET without its body (only 307 and 308 are followed)"}
	}
	if len(via) > maxRedirects {
		return &RedirectError{StatusCode: status, Target: target.String(),
			Reason: fmt.Sprintf("more than %d redirects in a row", maxRedirects)}
	}
	return nil
}

// BodyTooLargeError is a response body that grew past MaxBodyBytes.
type BodyTooLargeError struct{ Limit int64 }

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("the response body is larger than %d MiB once decompressed, far more than any DevRev page; "+
		"the read stopped rather than exhaust memory: check that endpoint points at DevRev's API", e.Limit>>20)
}

// bodyCapTransport caps every response body. It wraps the body the base
// transport returns, which net/http has already decompressed (transparent
// gzip), so the cap counts decompressed bytes.
type bodyCapTransport struct {
	next http.RoundTripper
}

func (t *bodyCapTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &cappedBody{ReadCloser: resp.Body, left: MaxBodyBytes, announced: resp.ContentLength}
	return resp, nil
}

type cappedBody struct {
	io.ReadCloser
	left      int64
	announced int64 // Content-Length, -1 when unknown
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, &BodyTooLargeError{Limit: MaxBodyBytes}
	}
	// Read one byte past the limit to tell "exactly the limit" from "more".
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, &BodyTooLargeError{Limit: MaxBodyBytes}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return n, &ShortBodyError{Read: MaxBodyBytes - b.left, Announced: b.announced}
	}
	return n, err
}

// ShortBodyError is a response body that ended before its end: fewer bytes
// than its Content-Length, or a chunked or compressed body cut off. The
// server did answer, so the endpoint is most likely right; what cut the
// answer (a proxy, the network, a server restarting) may not cut it again.
type ShortBodyError struct {
	Read      int64 // bytes received (decompressed)
	Announced int64 // Content-Length, -1 when none was sent
}

func (e *ShortBodyError) Error() string {
	got := fmt.Sprintf("after %d bytes", e.Read)
	if e.Announced >= 0 {
		got = fmt.Sprintf("after %d of the %d bytes it announced", e.Read, e.Announced)
	}
	return "the answer was cut off " + got + ", so none of it was used: try again; if it keeps happening, " +
		"a proxy or gateway between this machine and DevRev may be cutting answers short"
}

// TimeoutError is an attempt that took longer than Options.RequestTimeout.
type TimeoutError struct {
	After time.Duration // the request timeout
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("no complete answer within %s", e.After)
}

// Timeout lets net-style checks (url.Error.Timeout) see it as a timeout.
func (e *TimeoutError) Timeout() bool { return true }

var errAttemptTimeout = errors.New("attempt timed out")

// timeoutTransport bounds one attempt: sending, the headers and reading the
// whole body. The deadline ends when the body is closed.
type timeoutTransport struct {
	timeout time.Duration
	next    http.RoundTripper
}

func (t *timeoutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeoutCause(req.Context(), t.timeout, errAttemptTimeout)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if context.Cause(ctx) == errAttemptTimeout {
			return nil, &TimeoutError{After: t.timeout}
		}
		return nil, err
	}
	resp.Body = &timeoutBody{ReadCloser: resp.Body, ctx: ctx, cancel: cancel, timeout: t.timeout}
	return resp, nil
}

type timeoutBody struct {
	io.ReadCloser
	ctx     context.Context
	cancel  context.CancelFunc
	timeout time.Duration
}

func (b *timeoutBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && context.Cause(b.ctx) == errAttemptTimeout {
		return n, &TimeoutError{After: b.timeout}
	}
	return n, err
}

func (b *timeoutBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel() // a CancelFunc may be called more than once
	return err
}
