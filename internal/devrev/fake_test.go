package devrev

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testToken is the secret every test client uses. It is long and unusual so
// that finding it in a log or an error cannot be a coincidence.
const testToken = "dvrv-test-SECRET-7f3a9c1e5b"

const testUserAgent = "terraform-provider-devrev/test (+unit)"

// maxFakeRequests is more requests than any test makes of one fake server.
const maxFakeRequests = 500

// recordedRequest is what the fake server saw of one request.
type recordedRequest struct {
	Method     string
	Path       string
	Body       string
	Header     http.Header
	RemoteAddr string
}

// fakeDevRev is a small stand-in for DevRev's engagements endpoints on a
// real loopback server. Engagement i (0-based) has display id ENG-i; the
// sequence is sorted by i. A cursor names a boundary: "c<pos>" lies between
// engagement pos-1 and pos. Mode "after" returns the engagements from the
// boundary on, mode "before" the ones just before it, each page in sort
// order, as DevRev's list-mode describes.
type fakeDevRev struct {
	t     *testing.T
	srv   *httptest.Server
	total int

	// intercept, when set, sees every request first (n counts requests
	// from 1) and answers it itself by returning true.
	intercept func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool
	// shortPages answers with at most half (rounded up) of the limit.
	shortPages bool
	// overDeliver ignores the limit and returns up to 100 engagements.
	overDeliver bool
	// emptyEvery > 0 makes every emptyEvery-th list request return an empty
	// page that still carries a fresh cursor at the same position.
	emptyEvery int
	// fixedNext, when set, is sent as next_cursor (and prev_cursor) of every
	// list page: a server going round in circles.
	fixedNext func(n int) string

	mu   sync.Mutex
	reqs []recordedRequest
}

func newFake(t *testing.T, total int) *fakeDevRev {
	t.Helper()
	f := &fakeDevRev{t: t, total: total}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeDevRev) URL() string { return f.srv.URL }

// requests returns a copy of what the server has seen so far.
func (f *fakeDevRev) requests() []recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedRequest(nil), f.reqs...)
}

func (f *fakeDevRev) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// bodies returns the request bodies the server received, in order.
func (f *fakeDevRev) bodies() []string {
	var out []string
	for _, r := range f.requests() {
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

func (f *fakeDevRev) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, recordedRequest{
		Method:     r.Method,
		Path:       r.URL.Path,
		Body:       string(body),
		Header:     r.Header.Clone(),
		RemoteAddr: r.RemoteAddr,
	})
	n := len(f.reqs)
	f.mu.Unlock()

	if n > maxFakeRequests {
		// A client that went round in circles: stop it here, with an
		// error no test expects, rather than let the test hang.
		writeJSON(w, http.StatusBadRequest, map[string]any{"type": "runaway_client", "message": "too many requests"})
		return
	}
	if f.intercept != nil && f.intercept(w, r, n, body) {
		return
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"type": "bad_request", "message": "POST only"})
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"type": "unauthenticated", "message": "bad token"})
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"type": "bad_request", "message": "content type " + ct})
		return
	}
	switch r.URL.Path {
	case "/engagements.list":
		f.list(w, n, body)
	case "/engagements.get":
		f.get(w, body)
	case "/engagements.count":
		f.countEngagements(w, body)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"type": "not_found", "message": "no route " + r.URL.Path})
	}
}

type fakeListRequest struct {
	Type        []string `json:"type"`
	ExternalRef []string `json:"external_ref"`
	Members     []string `json:"members"`
	Parent      []string `json:"parent"`
	SortBy      []string `json:"sort_by"`
	Mode        string   `json:"mode"`
	Cursor      string   `json:"cursor"`
	Limit       *int     `json:"limit"`
}

func (f *fakeDevRev) list(w http.ResponseWriter, n int, body []byte) {
	var req fakeListRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"type": "parse_error", "message": err.Error()})
		return
	}
	limit := 50 // DevRev's usual default
	if req.Limit != nil {
		limit = *req.Limit
	}
	if limit < 1 || limit > MaxPageSize {
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"type": "invalid_field", "message": "limit out of range", "field_name": "limit", "value": limit,
		})
		return
	}
	if f.shortPages {
		limit = (limit + 1) / 2
	}
	if f.overDeliver {
		limit = 100
	}
	pos := -1
	if req.Cursor != "" {
		p, ok := parseCursor(req.Cursor)
		if !ok || p < 0 || p > f.total {
			writeJSON(w, http.StatusBadRequest, map[string]any{
				"type": "invalid_field", "message": "bad cursor", "field_name": "cursor", "value": req.Cursor,
			})
			return
		}
		pos = p
	}
	empty := f.emptyEvery > 0 && n%f.emptyEvery == 0
	var start, end int
	var next, prev *string
	switch req.Mode {
	case "", ModeAfter:
		start = max(pos, 0)
		end = min(start+limit, f.total)
		if empty {
			end = start
			next = ptr(fmt.Sprintf("c%d~%d", start, n))
		} else if end < f.total {
			next = ptr(fmt.Sprintf("c%d", end))
		}
		if start > 0 {
			prev = ptr(fmt.Sprintf("c%d", start))
		}
	case ModeBefore:
		end = f.total
		if pos >= 0 {
			end = pos
		}
		start = max(end-limit, 0)
		if empty {
			start = end
			prev = ptr(fmt.Sprintf("c%d~%d", end, n))
		} else if start > 0 {
			prev = ptr(fmt.Sprintf("c%d", start))
		}
		if end < f.total {
			next = ptr(fmt.Sprintf("c%d", end))
		}
	default:
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"type": "invalid_enum_value", "message": "bad mode", "field_name": "mode",
			"value": req.Mode, "allowed_values": []string{"after", "before"},
		})
		return
	}
	if f.fixedNext != nil {
		c := f.fixedNext(n)
		next, prev = &c, &c
	}
	items := make([]map[string]any, 0, end-start)
	for i := start; i < end; i++ {
		items = append(items, fakeEngagement(i))
	}
	resp := map[string]any{"engagements": items}
	if next != nil {
		resp["next_cursor"] = *next
	}
	if prev != nil {
		resp["prev_cursor"] = *prev
	}
	writeJSON(w, http.StatusOK, resp)
}

func (f *fakeDevRev) get(w http.ResponseWriter, body []byte) {
	var req struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &req); err != nil || req.ID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"type": "missing_required_field", "message": "id is required", "field_name": "id"})
		return
	}
	i, err := strconv.Atoi(strings.TrimPrefix(req.ID, "ENG-"))
	if err != nil || i < 0 || i >= f.total {
		writeJSON(w, http.StatusNotFound, map[string]any{"type": "not_found", "message": "engagement " + req.ID + " not found"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"engagement": fakeEngagement(i)})
}

func (f *fakeDevRev) countEngagements(w http.ResponseWriter, body []byte) {
	var req fakeListRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || req.Limit != nil || req.Cursor != "" || req.Mode != "" || req.SortBy != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"type": "bad_request", "message": fmt.Sprintf("bad count request %s", body)})
		return
	}
	c := f.total
	if len(req.Type) > 0 {
		c = f.total / 2
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": c})
}

func parseCursor(c string) (int, bool) {
	rest, ok := strings.CutPrefix(c, "c")
	if !ok {
		return 0, false
	}
	rest, _, _ = strings.Cut(rest, "~")
	p, err := strconv.Atoi(rest)
	return p, err == nil
}

// fakeEngagement is engagement i as DevRev might send it, with fields this
// client does not know and timestamps with and without milliseconds.
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
		if e.DisplayID == nil {
			out[i] = "<nil>"
		} else {
			out[i] = *e.DisplayID
		}
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
