package devrev

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// DefaultEndpoint is DevRev's public API.
const DefaultEndpoint = "https://api.devrev.ai"

// Defaults for Options.
const (
	DefaultMaxRetries   = 5
	DefaultMaxRetryWait = 60 * time.Second
	// DefaultRequestTimeout bounds one attempt. With the default retries a
	// server that accepts connections and never answers fails a read after
	// two attempts (see maxTimeouts) and one backoff step between them, well
	// within two minutes.
	DefaultRequestTimeout = 30 * time.Second
	defaultMinRetryWait   = time.Second
)

// Options configure a Client. The zero value of every field but Token means
// "use the default".
type Options struct {
	// Endpoint is the API's base URL, DefaultEndpoint when empty.
	Endpoint string
	// Token is a DevRev personal access token or service account token,
	// with or without the "Bearer " prefix.
	Token string
	// UserAgent is sent on every request.
	UserAgent string
	// MaxRetries is how often one request is retried on 429, 5xx (not 501)
	// and connection errors. Nil means DefaultMaxRetries; 0 disables retries.
	// Timeouts count as retries too, but at most maxTimeouts attempts of one
	// request may time out.
	MaxRetries *int
	// MaxRetryWait is the longest single wait between attempts, a
	// Retry-After included. A 429 or 503 that asks for a longer wait fails
	// at once with a *RetryAfterTooLongError.
	MaxRetryWait time.Duration
	// MinRetryWait is the first exponential backoff step (1s by default).
	MinRetryWait time.Duration
	// RequestTimeout bounds one attempt, from sending the request to the
	// end of the response body, so a stalled server cannot hang a plan.
	// DefaultRequestTimeout when 0.
	RequestTimeout time.Duration
	// MaxConcurrency caps the requests this client has in flight at once,
	// shared by every caller (every data source of one provider).
	// DefaultMaxConcurrency when 0.
	MaxConcurrency int
	// Transport replaces net/http's pooled transport at the bottom of the
	// client's chain (tests, proxies). Authorization, redirects, timeouts
	// and the body cap apply on top of it.
	Transport http.RoundTripper
	// Wait, when set, is called with every computed wait before it is slept
	// and returns the wait to actually sleep. Tests use it to record waits
	// and to make them short; production code leaves it nil.
	Wait func(time.Duration) time.Duration
}

// Client talks to one DevRev endpoint with one token. It is safe for
// concurrent use.
type Client struct {
	base           *url.URL
	authorization  string // the whole Authorization header value; never logged
	token          string // the bare secret, for log masking
	redact         redactor
	userAgent      string
	maxRetryWait   time.Duration
	requestTimeout time.Duration
	maxInFlight    int        // Options.MaxConcurrency, or DefaultMaxConcurrency; the budget and partition.go use it
	held           *heldBytes // the bytes of answers every read holds (memory.go)
	http           *retryablehttp.Client
}

// New validates opts and returns a Client.
func New(opts Options) (*Client, error) {
	endpoint := opts.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	base, err := ParseEndpoint(endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:           base,
		userAgent:      opts.UserAgent,
		maxRetryWait:   opts.MaxRetryWait,
		requestTimeout: opts.RequestTimeout,
		maxInFlight:    opts.MaxConcurrency,
		held:           newHeldBytes(MaxReadBytes),
	}
	c.authorization, c.token = authorization(opts.Token)
	if err := checkToken(c.token); err != nil {
		return nil, err
	}
	c.redact = redactor{secret: c.token}
	if c.maxRetryWait <= 0 {
		c.maxRetryWait = DefaultMaxRetryWait
	}
	if c.maxInFlight <= 0 {
		c.maxInFlight = DefaultMaxConcurrency
	}
	if c.requestTimeout <= 0 {
		c.requestTimeout = DefaultRequestTimeout
	}
	retries := DefaultMaxRetries
	if opts.MaxRetries != nil {
		retries = *opts.MaxRetries
	}
	if retries < 0 {
		return nil, fmt.Errorf("max_retries must be 0 or more, got %d", retries)
	}
	minWait := opts.MinRetryWait
	if minWait <= 0 {
		minWait = defaultMinRetryWait
	}
	c.http = &retryablehttp.Client{
		HTTPClient:      c.httpClient(opts),
		Logger:          nil, // requests are logged through tflog, with the token masked
		RetryWaitMin:    minWait,
		RetryWaitMax:    c.maxRetryWait,
		RetryMax:        retries,
		CheckRetry:      c.checkRetry,
		Backoff:         backoff(opts.Wait),
		ErrorHandler:    keepLastResponse,
		RequestLogHook:  c.logRequest,
		ResponseLogHook: logResponse,
	}
	return c, nil
}

// httpClient builds the transport chain described in transport.go.
func (c *Client) httpClient(opts Options) *http.Client {
	var rt http.RoundTripper = cleanhttp.DefaultPooledTransport()
	if opts.Transport != nil {
		rt = opts.Transport
	}
	rt = &bodyCapTransport{next: rt}
	auth := &authTransport{origin: originOf(c.base), authorization: c.authorization, next: rt}
	rt = &timeoutTransport{timeout: c.requestTimeout, next: auth}
	rt = &budgetTransport{budget: newBudget(c.maxInFlight, c.maxRetryWait, opts.Wait), next: rt}
	return &http.Client{Transport: rt, CheckRedirect: auth.checkRedirect}
}

// ParseEndpoint checks that endpoint is an absolute http(s) URL and returns
// it without a trailing slash. Its errors quote the endpoint through
// RedactEndpoint: never its credentials, query or fragment, whatever the
// scheme and even when it does not parse.
func ParseEndpoint(endpoint string) (*url.URL, error) {
	shown := RedactEndpoint(endpoint)
	u, err := url.Parse(endpoint)
	if err != nil {
		// url.Error repeats the whole URL; keep only its reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("endpoint %q is not a URL: %s", shown, RedactEndpoint(err.Error()))
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("endpoint %q must be an absolute http:// or https:// URL such as %s", shown, DefaultEndpoint)
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("endpoint %q must not carry credentials, a query or a fragment", shown)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// PlainHTTPOverNetwork reports whether requests to u would carry the token
// unencrypted over a network: an http:// URL whose host is not loopback.
func PlainHTTPOverNetwork(u *url.URL) bool {
	if u.Scheme != "http" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// authorization returns the Authorization header for token, accepting a
// token that already carries the "Bearer" prefix (any case, any white space
// after it), and the bare secret. A token that is nothing but the prefix is
// no token: "" for both, so that it is reported missing rather than sent as
// "Bearer Bearer".
func authorization(token string) (header, secret string) {
	secret = strings.TrimSpace(token)
	const prefix = "bearer"
	if len(secret) >= len(prefix) && strings.EqualFold(secret[:len(prefix)], prefix) {
		if rest := secret[len(prefix):]; rest == "" || strings.TrimLeft(rest, " \t") != rest {
			secret = strings.TrimSpace(rest)
		}
	}
	if secret == "" {
		return "", ""
	}
	return "Bearer " + secret, secret
}

// HasToken reports whether the client was given a token.
func (c *Client) HasToken() bool { return c.token != "" }

// Endpoint is the base URL requests go to.
func (c *Client) Endpoint() string { return c.base.String() }

// ErrNoToken is returned by every call of a client made without a token.
var ErrNoToken = errors.New("no DevRev API token: set the provider's token or the DEVREV_TOKEN environment variable")

// post sends body as JSON to path and returns the 2xx answer, its body as
// DevRev sent it (answer.go says why it is never redacted). Every error it
// returns has the token redacted.
func (c *Client) post(ctx context.Context, path string, body any) (*answer, error) {
	a, err := c.doPost(ctx, path, body)
	return a, c.redact.Error(err)
}

func (c *Client) doPost(ctx context.Context, path string, body any) (*answer, error) {
	if c.token == "" {
		return nil, ErrNoToken
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encoding the %s request: %w", path, err)
	}
	// Masks live in the context: every log line below this point, including
	// the ones written from retryablehttp's hooks, hides the token.
	ctx = c.MaskLogs(ctx)
	ctx = withAttempts(ctx)

	u := c.base.JoinPath(path).String()
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, u, payload)
	if err != nil {
		return nil, fmt.Errorf("building the %s request: %w", path, err)
	}
	// Authorization is added by authTransport, for the endpoint's origin only.
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}

	resp, err := c.http.Do(req)
	var redirect *RedirectError
	if resp == nil || errors.As(err, &redirect) {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, c.requestError(ctx, path, err)
	}
	// Reading the body to the end lets the connection be reused; closing
	// it at once frees the request's in-flight slot before decoding.
	data, readErr := readResponseBody(resp.Body, resp.ContentLength, tallyFrom(ctx))
	resp.Body.Close()
	var tooLarge *BodyTooLargeError
	var timeout *TimeoutError
	if readTooLarge := (*ReadTooLargeError)(nil); errors.As(readErr, &readTooLarge) {
		return nil, readTooLarge // complete: the read it stopped names itself (pages.go)
	}
	if errors.As(readErr, &tooLarge) || errors.As(readErr, &timeout) {
		return nil, fmt.Errorf("reading the answer to POST %s (HTTP %d): %w", path, resp.StatusCode, c.explain(readErr))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// An error body is only ever quoted, so it is redacted whole
		// before anything is cut from it.
		return nil, responseError(http.MethodPost, path, resp, c.redact.Bytes(data), err, c.redact)
	}
	if readErr != nil {
		return nil, fmt.Errorf("reading the response of POST %s: %w", path, readErr)
	}
	return &answer{path: path, status: resp.StatusCode, requestID: resp.Header.Get("X-Request-Id"), body: data, redact: c.redact}, nil
}

// requestError explains a request that got no response at all.
func (c *Client) requestError(ctx context.Context, path string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("POST %s: %w", path, ctx.Err())
	}
	// The rate budget refused to wait that long (budget.go): no request
	// was sent, and its message says why and what to do.
	var tooLong *RetryAfterTooLongError
	if errors.As(err, &tooLong) && tooLong.APIError == nil {
		return fmt.Errorf("POST %s stopped: %w", path, tooLong)
	}
	var gaveUp *gaveUpError
	if errors.As(err, &gaveUp) {
		return fmt.Errorf("POST %s failed after %d attempt(s): %w", path, gaveUp.attempts, c.explain(gaveUp.err))
	}
	return fmt.Errorf("POST %s failed: %w", path, c.explain(err))
}

// explain adds what to do to the client's own transport errors, naming the
// provider setting that changes the behaviour.
func (c *Client) explain(err error) error {
	var timeout *TimeoutError
	var tooLarge *BodyTooLargeError
	var redirect *RedirectError
	switch {
	case errors.As(err, &redirect):
		return redirect // its message is complete, and it carries no URL path
	case errors.As(err, &tooLarge):
		return tooLarge
	case errors.As(err, &timeout):
		return fmt.Errorf("timed out: DevRev sent no complete answer within request_timeout (%s); the server may be "+
			"overloaded or unreachable: try again later, or raise the provider's request_timeout: %w", timeout.After, err)
	}
	return err
}

// gaveUpError carries how many attempts retryablehttp made before it gave up.
type gaveUpError struct {
	attempts int
	err      error
}

func (e *gaveUpError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("giving up after %d attempt(s)", e.attempts)
	}
	return fmt.Sprintf("giving up after %d attempt(s): %v", e.attempts, e.err)
}

func (e *gaveUpError) Unwrap() error { return e.err }

// keepLastResponse is retryablehttp's ErrorHandler: it hands the last
// response back so that the error can quote DevRev's own message.
func keepLastResponse(resp *http.Response, err error, attempts int) (*http.Response, error) {
	return resp, &gaveUpError{attempts: attempts, err: err}
}

// excerpt quotes at most 300 bytes of a body, on one line.
func excerpt(data []byte) string {
	const max = 300
	s := strings.Join(strings.Fields(string(bytes.ToValidUTF8(data, []byte("?")))), " ")
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut-- // never split a character
		}
		s = s[:cut] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return fmt.Sprintf("%q", s)
}
