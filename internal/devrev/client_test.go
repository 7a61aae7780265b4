package devrev

import (
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestAuthorizationHeader(t *testing.T) {
	tests := []struct {
		name  string
		token string
	}{
		{"bare token", testToken},
		{"with Bearer prefix", "Bearer " + testToken},
		{"lower-case prefix", "bearer " + testToken},
		{"surrounding space", "  Bearer   " + testToken + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, 3)
			c, _ := newTestClient(t, f.URL(), func(o *Options) { o.Token = tt.token })
			if !c.HasToken() {
				t.Error("HasToken() = false")
			}
			if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
				t.Fatalf("CountEngagements: %v", err)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("requests = %d", len(reqs))
			}
			h := reqs[0].Header
			if got := h.Values("Authorization"); !slices.Equal(got, []string{"Bearer " + testToken}) {
				t.Errorf("Authorization = %q, want [%q]", got, "Bearer "+testToken)
			}
			if got := h.Get("User-Agent"); got != testUserAgent {
				t.Errorf("User-Agent = %q, want %q", got, testUserAgent)
			}
			if got := h.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := h.Get("Accept"); got != "application/json" {
				t.Errorf("Accept = %q", got)
			}
		})
	}
}

func TestAuthorizationHelper(t *testing.T) {
	tests := []struct{ in, header, secret string }{
		{"", "", ""},
		{"   ", "", ""},
		{"abc", "Bearer abc", "abc"},
		{"Bearer abc", "Bearer abc", "abc"},
		{"BEARER abc", "Bearer abc", "abc"},
		{"Bearer  abc ", "Bearer abc", "abc"},
		{"Bearerabc", "Bearer Bearerabc", "Bearerabc"},
		{"Bearer\tabc", "Bearer abc", "abc"},
		// The prefix alone is no token ("missing"), not "Bearer Bearer".
		{"Bearer", "", ""},
		{"Bearer   ", "", ""},
		{" bearer \t", "", ""},
	}
	for _, tt := range tests {
		h, s := authorization(tt.in)
		if h != tt.header || s != tt.secret {
			t.Errorf("authorization(%q) = %q, %q; want %q, %q", tt.in, h, s, tt.header, tt.secret)
		}
	}
}

func TestNoTokenSendsNothing(t *testing.T) {
	for _, token := range []string{"", "  \t"} {
		f := newFake(t, 3)
		c, _ := newTestClient(t, f.URL(), func(o *Options) { o.Token = token })
		if c.HasToken() {
			t.Errorf("HasToken() = true for %q", token)
		}
		ctx := context.Background()
		_, err1 := c.ListEngagements(ctx, ListEngagementsRequest{}, ListOptions{})
		_, err2 := c.GetEngagement(ctx, "ENG-1")
		_, err3 := c.CountEngagements(ctx, EngagementFilter{})
		for i, err := range []error{err1, err2, err3} {
			if !errors.Is(err, ErrNoToken) {
				t.Errorf("call %d with token %q: err = %v, want ErrNoToken", i+1, token, err)
			}
		}
		if f.count() != 0 {
			t.Errorf("token %q: server saw %d requests, want none", token, f.count())
		}
	}
}

func TestDefaultUserAgentWhenUnset(t *testing.T) {
	f := newFake(t, 3)
	c, _ := newTestClient(t, f.URL(), func(o *Options) { o.UserAgent = "" })
	if _, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil {
		t.Fatal(err)
	}
	if ua := f.requests()[0].Header.Get("User-Agent"); ua == "" || ua == testUserAgent {
		t.Errorf("User-Agent = %q, want Go's default", ua)
	}
}

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{in: "https://api.devrev.ai", want: "https://api.devrev.ai"},
		{in: "https://api.devrev.ai/", want: "https://api.devrev.ai"},
		{in: "http://127.0.0.1:8080//", want: "http://127.0.0.1:8080"},
		{in: "https://proxy.example/devrev/api/", want: "https://proxy.example/devrev/api"},
		{in: "api.devrev.ai", wantErr: `endpoint "api.devrev.ai" must be an absolute http:// or https:// URL such as https://api.devrev.ai`},
		{in: "/engagements.list", wantErr: `endpoint "/engagements.list" must be an absolute http:// or https:// URL`},
		{in: "ftp://api.devrev.ai", wantErr: `endpoint "ftp://api.devrev.ai" must be an absolute http:// or https:// URL`},
		{in: "https://", wantErr: `endpoint "https://" must be an absolute http:// or https:// URL`},
		{in: "https://api.devrev.ai?x=1", wantErr: `endpoint "https://api.devrev.ai?***" must not carry credentials, a query or a fragment`},
		{in: "https://api.devrev.ai/#frag", wantErr: `endpoint "https://api.devrev.ai/?***" must not carry credentials, a query or a fragment`},
		{in: "https://user:hunter2@api.devrev.ai", wantErr: `endpoint "https://***@api.devrev.ai" must not carry credentials`},
		{in: "https://api.devrev.ai/%zz", wantErr: `endpoint "https://api.devrev.ai/%zz" is not a URL`},
	}
	for _, tt := range tests {
		u, err := ParseEndpoint(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("ParseEndpoint(%q) error = %v, want it to start with %q", tt.in, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("ParseEndpoint error leaks the password: %v", err)
			}
			continue
		}
		if err != nil || u.String() != tt.want {
			t.Errorf("ParseEndpoint(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
}

func TestNewDefaultsAndEndpoint(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if c.Endpoint() != DefaultEndpoint || c.HasToken() {
		t.Errorf("Endpoint %q HasToken %v", c.Endpoint(), c.HasToken())
	}
	if c.http.RetryMax != DefaultMaxRetries || c.http.RetryWaitMax != DefaultMaxRetryWait || c.http.RetryWaitMin != defaultMinRetryWait ||
		c.requestTimeout != DefaultRequestTimeout {
		t.Errorf("defaults: retries %d max wait %v min wait %v timeout %v",
			c.http.RetryMax, c.http.RetryWaitMax, c.http.RetryWaitMin, c.requestTimeout)
	}
	if _, err := New(Options{Endpoint: "ftp://x"}); err == nil {
		t.Error("New accepted an ftp endpoint")
	}

	// A base path is kept and the request path joined to it.
	f := newFake(t, 3)
	f.intercept = func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
		if r.URL.Path != "/devrev/api/engagements.count" {
			writeJSON(w, http.StatusNotFound, map[string]any{"message": "wrong path " + r.URL.Path})
		} else {
			writeJSON(w, http.StatusOK, map[string]any{"count": 3})
		}
		return true
	}
	c, _ = newTestClient(t, f.URL()+"/devrev/api/", nil)
	if c.Endpoint() != f.URL()+"/devrev/api" {
		t.Errorf("Endpoint() = %q", c.Endpoint())
	}
	if n, err := c.CountEngagements(context.Background(), EngagementFilter{}); err != nil || n != 3 {
		t.Errorf("CountEngagements via a base path = %d, %v", n, err)
	}
}

// Twenty sequential pages, some answered only after a retry or with an
// error, share one or two connections: every body is read to the end.
// (retryablehttp drains a response it retries only up to 4 KiB, so the
// rate-limit body here stays below that, as DevRev's do.)
func TestConnectionReuse(t *testing.T) {
	f := newFake(t, 1000)
	f.intercept = func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) bool {
		if n%5 == 0 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"type": "too_many_requests", "message": strings.Repeat("slow down ", 300)})
			return true
		}
		return false
	}
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{PageSize: 50})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	if w.Pages != 20 || len(w.Items) != 1000 {
		t.Fatalf("pages %d engagements %d", w.Pages, len(w.Items))
	}
	// Errors that are not retried are read to the end as well.
	for range 5 {
		if _, err := c.GetEngagement(context.Background(), "ENG-5000"); err == nil {
			t.Fatal("no error for a missing engagement")
		}
	}
	addrs := map[string]int{}
	for _, r := range f.requests() {
		addrs[r.RemoteAddr]++
	}
	if total := f.count(); total < 29 {
		t.Errorf("server saw %d requests, want at least 29", total)
	}
	if len(addrs) > 2 {
		t.Errorf("%d requests came over %d connections: %v", f.count(), len(addrs), addrs)
	}
}

func TestGzipResponse(t *testing.T) {
	f := newFake(t, 0)
	var sawGzip bool
	var mu sync.Mutex
	f.intercept = func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			return false // the fake answers uncompressed: an empty list
		}
		mu.Lock()
		sawGzip = true
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		_, _ = zw.Write([]byte(`{"engagements":[{"id":"don:core:dvrv-us-1:devo/0:engagement/77","display_id":"ENG-gz","created_date":"2024-01-02T03:04:05.123Z"}],"next_cursor":null}`))
		_ = zw.Close()
		return true
	}
	c, _ := newTestClient(t, f.URL(), nil)
	w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
	if err != nil {
		t.Fatalf("ListEngagements: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !sawGzip {
		t.Fatal("the client did not offer gzip")
	}
	if got := displayIDs(w.Items); !slices.Equal(got, []string{"ENG-gz"}) || strOrNil(w.Items[0].CreatedDate) != "2024-01-02T03:04:05.123Z" {
		t.Errorf("engagements = %v", got)
	}
}

func TestConcurrentUse(t *testing.T) {
	f := newFake(t, 300)
	f.intercept = failFirst(3, 503, map[string]string{"Retry-After": "0"}, `{"type":"service_unavailable"}`)
	c, _ := newTestClient(t, f.URL(), nil)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	counts := make([]int, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, err := c.ListEngagements(context.Background(), ListEngagementsRequest{}, ListOptions{})
			errs[i] = err
			if w != nil {
				counts[i] = len(w.Items)
			}
		}()
	}
	wg.Wait()
	for i := range 8 {
		if errs[i] != nil || counts[i] != 300 {
			t.Errorf("reader %d: %d engagements, %v", i, counts[i], errs[i])
		}
	}
	if f.count() != 8*3+3 {
		t.Errorf("requests = %d, want %d", f.count(), 8*3+3)
	}
}
