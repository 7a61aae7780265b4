package devrev

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The client's unit tests run against the local DevRev API (package
// localapi), the same server the provider's acceptance tests use, on real
// loopback HTTP.

// testToken is the secret every test client uses. It is long and unusual so
// that finding it in a log or an error cannot be a coincidence.
const testToken = "dvrv-test-SECRET-7f3a9c1e5b"

const testUserAgent = "terraform-provider-devrev/test (+unit)"

// maxFakeRequests is more requests than any test makes of one server.
const maxFakeRequests = 500

// recordedRequest is what the server saw of one request.
type recordedRequest struct {
	Method     string
	Path       string
	Body       string
	Header     http.Header
	RemoteAddr string
}

// fakeDevRev is the local DevRev API holding total engagements in a shape
// the tests can name: engagement i (0-based) has display id ENG-i and id
// don:core:dvrv-us-1:devo/0:engagement/i, and they sort by i (created a
// second apart, odd ones with milliseconds). Even ones are meetings, odd ones
// calls; one in four (i = 1, 5, 9, ...) has member DEVU-1. The tests name a cursor "c<pos>", the gap before engagement pos in
// the default order: cursor turns a name into the API's cursor, and name
// and bodies turn the API's cursors back into names.
type fakeDevRev struct {
	t     *testing.T
	api   *localapi.Server
	srv   *httptest.Server
	total int
	names map[string]string // the API's cursor → "c<pos>"

	// intercept, when set, sees every request first (n counts requests
	// from 1) and answers it itself by returning true.
	intercept func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool
}

func newFake(t *testing.T, total int) *fakeDevRev {
	t.Helper()
	f := &fakeDevRev{t: t, total: total, names: map[string]string{}}
	f.api = localapi.New(localapi.Options{
		Token: testToken,
		Intercept: func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool {
			if n > maxFakeRequests {
				// A client that went round in circles: stop it here, with
				// an error no test expects, rather than let the test hang.
				writeJSON(w, http.StatusBadRequest, map[string]any{"type": "runaway_client", "message": "too many requests"})
				return true
			}
			return f.intercept != nil && f.intercept(w, r, n, body)
		},
		Data: map[string]any{"engagements": testEngagements(total)},
	})
	for pos := 0; pos <= total; pos++ {
		f.names[f.api.Cursor("/engagements.list", pos)] = "c" + strconv.Itoa(pos)
	}
	f.srv = httptest.NewServer(f.api)
	t.Cleanup(f.srv.Close)
	return f
}

// testEngagements are the engagements of newFake.
func testEngagements(n int) []localapi.Engagement {
	out := make([]localapi.Engagement, n)
	base := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range out {
		created := base.Add(time.Duration(i) * time.Second).Format("2006-01-02T15:04:05Z")
		typ := "meeting"
		if i%2 == 1 {
			created = strings.TrimSuffix(created, "Z") + ".123Z"
			typ = "call"
		}
		out[i] = localapi.Engagement{
			ID:             fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d", i),
			DisplayID:      fmt.Sprintf("ENG-%d", i),
			Title:          fmt.Sprintf("Engagement %d", i),
			EngagementType: typ,
			CreatedDate:    created,
		}
		if i%4 == 1 {
			out[i].Members = []string{"DEVU-1"}
		}
	}
	return out
}

func (f *fakeDevRev) URL() string { return f.srv.URL }

// faults replaces the server's injected faults.
func (f *fakeDevRev) faults(fs ...localapi.Fault) { f.api.SetFaults(fs) }

// cursor is the API's cursor for the name "c<pos>".
func (f *fakeDevRev) cursor(name string) string {
	pos, err := strconv.Atoi(strings.TrimPrefix(name, "c"))
	if err != nil || !strings.HasPrefix(name, "c") {
		f.t.Fatalf("cursor name %q is not c<pos>", name)
	}
	return f.api.Cursor("/engagements.list", pos)
}

// name is the name of an API cursor: "c<pos>", "<nil>", or the cursor
// itself when it marks no position of the default order (the fresh
// cursor of an empty page, say).
func (f *fakeDevRev) name(c *string) string {
	if c == nil {
		return "<nil>"
	}
	if n, ok := f.names[*c]; ok {
		return n
	}
	return *c
}

// requests returns a copy of what the server has seen so far.
func (f *fakeDevRev) requests() []recordedRequest {
	var out []recordedRequest
	for _, r := range f.api.Requests() {
		out = append(out, recordedRequest{Method: r.Method, Path: r.Path, Body: string(r.Body), Header: r.Header, RemoteAddr: r.RemoteAddr})
	}
	return out
}

func (f *fakeDevRev) count() int { return len(f.api.Requests()) }

// bodies returns the request bodies the server received, in order, with
// cursors replaced by their names.
func (f *fakeDevRev) bodies() []string {
	var out []string
	for _, r := range f.requests() {
		var b struct {
			Cursor string `json:"cursor"`
		}
		if json.Unmarshal([]byte(r.Body), &b) == nil && b.Cursor != "" {
			r.Body = strings.Replace(r.Body, `"cursor":"`+b.Cursor+`"`, `"cursor":"`+f.name(&b.Cursor)+`"`, 1)
		}
		out = append(out, r.Body)
	}
	return out
}

// limits returns the `limit` field of every request body.
func (f *fakeDevRev) limits() []int {
	var out []int
	for _, r := range f.requests() {
		var b struct {
			Limit int `json:"limit"`
		}
		if err := json.Unmarshal([]byte(r.Body), &b); err != nil {
			f.t.Errorf("request body %q is not JSON: %v", r.Body, err)
		}
		out = append(out, b.Limit)
	}
	return out
}

// fakeEngagement is engagement i as DevRev might send it, for tests that
// write their own responses: with fields this client does not know and
// timestamps with and without milliseconds.
func fakeEngagement(i int) map[string]any {
	created := "2024-01-02T03:04:05Z"
	if i%2 == 1 {
		created = "2024-01-02T03:04:05.123Z"
	}
	return map[string]any{
		"id":              fmt.Sprintf("don:core:dvrv-us-1:devo/0:engagement/%d", i),
		"display_id":      fmt.Sprintf("ENG-%d", i),
		"title":           fmt.Sprintf("Engagement %d", i),
		"engagement_type": "meeting",
		"created_date":    created,
		"stage":           map[string]any{"name": "scheduled"}, // not in this client's types
		"tags":            []any{},
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func ptr[T any](v T) *T { return &v }

// startLocalAPI serves a local DevRev API with opts on loopback and returns
// a client for it.
func startLocalAPI(t *testing.T, opts localapi.Options) (*localapi.Server, *Client) {
	t.Helper()
	opts.Token = testToken
	s := localapi.New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	c, _ := newTestClient(t, ts.URL, nil)
	return s, c
}

// waitLog records every wait the client computed.
type waitLog struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (l *waitLog) hook(d time.Duration) time.Duration {
	l.mu.Lock()
	l.waits = append(l.waits, d)
	l.mu.Unlock()
	return time.Millisecond
}

func (l *waitLog) get() []time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]time.Duration(nil), l.waits...)
}

// newTestClient returns a client for endpoint whose waits are recorded and
// cut to a millisecond; mod may change the options first.
func newTestClient(t *testing.T, endpoint string, mod func(*Options)) (*Client, *waitLog) {
	t.Helper()
	waits := &waitLog{}
	opts := Options{
		Endpoint:     endpoint,
		Token:        testToken,
		UserAgent:    testUserAgent,
		MinRetryWait: 100 * time.Millisecond,
		MaxRetryWait: 10 * time.Second,
		Wait:         waits.hook,
	}
	if mod != nil {
		mod(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, waits
}

// displayIDs lists the display ids of es, "<nil>" for a missing one.
func displayIDs(es []Engagement) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = strOrNil(e.DisplayID)
	}
	return out
}

// idRange is the display ids ENG-from .. ENG-(to-1).
func idRange(from, to int) []string {
	out := make([]string, 0, max(to-from, 0))
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("ENG-%d", i))
	}
	return out
}

// firstDiff describes where got and want part ways, for failure messages.
func firstDiff(got, want []string) string {
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			return fmt.Sprintf("index %d: got %s, want %s (len got %d, want %d)", i, got[i], want[i], len(got), len(want))
		}
	}
	return fmt.Sprintf("len got %d, want %d", len(got), len(want))
}

func strOrNil(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
