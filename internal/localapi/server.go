// Package localapi is a local, in-memory server for DevRev's engagements
// endpoints (/engagements.list, /engagements.get, /engagements.count), built
// from DevRev's OpenAPI description. It exists so tests, benchmarks and demos
// can exercise a DevRev client against realistic data, realistic errors and
// injected faults without network access or credentials.
//
// A Server is an http.Handler; serve it with httptest.NewServer or
// http.Server on loopback. Each endpoint takes POST with a JSON body or GET
// with query parameters (arrays comma-separated or repeated).
//
// Listing: the default order is created_date:asc. sort_by entries are
// "created_date" or "modified_date", optionally suffixed ":asc" or ":desc";
// dates compare as instants, and ties on every key are broken by id (byte
// order) in the direction of the first key, so a :desc order is exactly the
// reverse of the :asc one. limit defaults to 50 and must be 1..100.
//
// Cursors are opaque strings marking a gap between two items of the full
// (unfiltered) sort order; they stay valid for the server's lifetime and are
// rejected (400 invalid_field "cursor") with another sort order. Mode
// "after" (the default) from cursor position p returns the next limit
// matching items; mode "before" returns the limit matching items just before
// p (no cursor = the end), still in sort order. next_cursor is present iff
// matching items exist after the page and prev_cursor iff matching items
// exist before it; continue forward with next_cursor in mode after and
// backward with prev_cursor in mode before.
package localapi

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	// Token is the bearer token every request must carry. "" accepts any
	// non-empty token.
	Token string
	// Count is the number of generated engagements. 0 means 300 (when
	// Engagements is nil); a negative count means none.
	Count int
	// Seed seeds the generated data: the same Seed and Count always give
	// the same data, byte for byte.
	Seed uint64
	// Engagements, when non-nil, replaces the generated data (an empty,
	// non-nil slice gives an empty store). IDs should be unique; the store
	// sorts them by created_date, then id.
	Engagements []Engagement
	// Faults are injected failures; see Fault. SetFaults replaces them.
	Faults []Fault
	// Gzip compresses responses for clients that send Accept-Encoding: gzip.
	Gzip bool
	// DisableRecording stops Requests from recording (for long benchmarks
	// that would otherwise accumulate every request).
	DisableRecording bool
	// RateLimit, when set, enforces a request quota (ratelimit.go).
	RateLimit RateLimit
}

// Request is a recorded incoming request.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     []byte
}

// Server is the local DevRev API. It is safe for concurrent use.
type Server struct {
	store    *store
	token    string
	gzip     bool
	noRecord bool

	reqMu sync.Mutex
	reqs  []Request

	faultMu sync.Mutex
	faults  []faultState

	idPrefix string
	seq      atomic.Uint64

	rlMu     sync.Mutex
	rlWindow int64 // unix second at which the current window ends
	rlUsed   int
	limiter  *limiter // nil without Options.RateLimit
}

// DevRev's documented rate-limit window and a typical quota; without
// Options.RateLimit the headers are informative only (use a RateLimited fault
// or Options.RateLimit to get a 429).
const (
	rateLimitQuota  = 1000
	rateLimitWindow = 300 // seconds
	maxBodyBytes    = 1 << 20
)

// New builds a server. Generating and pre-rendering 50,000 engagements takes
// a fraction of a second.
func New(opts Options) *Server {
	data := opts.Engagements
	if data == nil {
		n := opts.Count
		if n == 0 {
			n = 300
		}
		data = Generate(opts.Seed, n)
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	s := &Server{
		store:    newStore(data),
		token:    opts.Token,
		gzip:     opts.Gzip,
		noRecord: opts.DisableRecording,
		idPrefix: hex.EncodeToString(rnd[:]),
	}
	s.SetFaults(opts.Faults)
	s.limiter = newLimiter(opts.RateLimit)
	return s
}

// Engagements returns the store in created_date ascending order (ties by
// id), i.e. the order of the default sort. The slice is a copy; the user
// summaries it points to are shared and must not be modified.
func (s *Server) Engagements() []Engagement {
	out := slices.Clone(s.store.items)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
		out[i].Parents = slices.Clone(out[i].Parents)
	}
	return out
}

// Requests returns a copy of every request received, in arrival order.
func (s *Server) Requests() []Request {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	out := make([]Request, len(s.reqs))
	for i, r := range s.reqs {
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out[i] = r
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.reqMu.Lock()
	s.reqs = nil
	s.reqMu.Unlock()
}

func (s *Server) record(r *http.Request, body []byte) {
	if s.noRecord {
		return
	}
	rec := Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     body,
	}
	s.reqMu.Lock()
	s.reqs = append(s.reqs, rec)
	s.reqMu.Unlock()
}

func (s *Server) newID() string {
	return "req-" + s.idPrefix + "-" + strconv.FormatUint(s.seq.Add(1), 10)
}

// rateHeaders sets DevRev's rate-limit headers: a fixed quota per five
// minute window aligned to the epoch, Reset in Unix seconds.
func (s *Server) rateHeaders(h http.Header) {
	now := time.Now().Unix()
	s.rlMu.Lock()
	if now >= s.rlWindow {
		s.rlWindow = now - now%rateLimitWindow + rateLimitWindow
		s.rlUsed = 0
	}
	s.rlUsed++
	// Never 0: this quota is not enforced, and a client that saw 0 would
	// rightly hold its requests until the window ends.
	remaining := max(1, rateLimitQuota-s.rlUsed)
	reset := s.rlWindow
	s.rlMu.Unlock()
	h.Set("X-Ratelimit-Limit", strconv.Itoa(rateLimitQuota))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
}

// ServeHTTP records the request, applies faults, routes, authenticates and
// answers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body []byte
	var readErr error
	if r.Body != nil { // nil when the handler is called directly with a client request
		body, readErr = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	}
	s.record(r, body)

	h := w.Header()
	h.Set("X-Request-Id", s.newID())
	if s.limitRate(w, r) {
		return
	}

	eff := s.applyFaults(r.URL.Path)
	if eff.delay > 0 {
		t := time.NewTimer(eff.delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return // the client is gone; there is nobody to answer
		}
	}
	if eff.fail != nil {
		s.writeFault(w, r, eff.fail)
		return
	}

	var handler func(*http.Request, []byte, pageFault) ([]byte, *apiError)
	switch r.URL.Path {
	case "/engagements.list":
		handler = s.handleList
	case "/engagements.get":
		handler = s.handleGet
	case "/engagements.count":
		handler = s.handleCount
	default:
		s.write(w, r, http.StatusNotFound, "application/json", routeNotFoundBody)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		h.Set("Allow", "GET, POST")
		s.write(w, r, http.StatusMethodNotAllowed, "application/json", methodNotAllowedBody)
		return
	}
	if e := s.authenticate(r); e != nil {
		s.writeError(w, r, e)
		return
	}
	if readErr != nil {
		var tooBig *http.MaxBytesError
		if errors.As(readErr, &tooBig) {
			s.writeError(w, r, errBadRequest("request body exceeds 1 MiB"))
		} else {
			s.writeError(w, r, errBadRequest("cannot read request body"))
		}
		return
	}
	out, e := handler(r, body, eff.page)
	if e != nil {
		s.writeError(w, r, e)
		return
	}
	s.write(w, r, http.StatusOK, "application/json", out)
}

// authenticate accepts "Authorization: Bearer <token>" and, as DevRev does,
// the bare token.
func (s *Server) authenticate(r *http.Request) *apiError {
	auth := strings.TrimSpace(r.Header.Get("Authorization"))
	if auth == "" {
		return errUnauthenticated("missing Authorization header")
	}
	tok := auth
	if scheme, rest, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Bearer") {
		tok = strings.TrimSpace(rest)
	}
	if tok == "" || (s.token != "" && tok != s.token) {
		return errUnauthenticated("invalid or expired token")
	}
	return nil
}

func (s *Server) writeFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	h := w.Header()
	switch f.Kind {
	case RateLimited:
		h.Set("X-Ratelimit-Remaining", "0")
		if f.RetryAfter != "" {
			h.Set("Retry-After", f.RetryAfter)
		}
		s.writeError(w, r, errTooManyRequests(f.RetryAfterBody))
	case InternalError:
		s.writeError(w, r, errInternal("ref-"+s.newID()[len("req-"):]))
	case Unavailable:
		if f.RetryAfter != "" {
			h.Set("Retry-After", f.RetryAfter)
		}
		s.writeError(w, r, errUnavailable())
	case BadGatewayHTML:
		s.write(w, r, http.StatusBadGateway, "text/html", []byte(badGatewayHTML))
	}
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	s.write(w, r, e.status, "application/json", e.body())
}

var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// write sends a complete body, gzipped when enabled and accepted.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	if s.gzip {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			var buf bytes.Buffer
			zw, ok := gzipPool.Get().(*gzip.Writer)
			if !ok { // the pool only ever holds writers; be safe anyway
				zw = gzip.NewWriter(&buf)
			}
			zw.Reset(&buf)
			_, _ = zw.Write(body)
			_ = zw.Close()
			gzipPool.Put(zw)
			body = buf.Bytes()
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func acceptsGzip(ae string) bool {
	for part := range strings.SplitSeq(ae, ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		// "gzip;q=0" explicitly refuses gzip.
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// ---- request decoding ----

// filterParams are the filters shared by list and count (the whole count
// request). Nil or empty slices mean "no filter".
type filterParams struct {
	Type        []string `json:"type"`
	ExternalRef []string `json:"external_ref"`
	Members     []string `json:"members"`
	Parent      []string `json:"parent"`
}

// listParams is a list request before validation; nil means "not given".
type listParams struct {
	filterParams
	Cursor *string  `json:"cursor"`
	Limit  *int64   `json:"limit"`
	Mode   *string  `json:"mode"`
	SortBy []string `json:"sort_by"`
}

// decodeJSON decodes a POST body, which must be one JSON object. Unknown
// fields are ignored, as DevRev ignores them.
func decodeJSON(body []byte, v any) *apiError {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errParse("request body is empty; expected a JSON object")
	}
	if trimmed[0] != '{' {
		return errParse("request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return errParse("field " + te.Field + ": cannot use JSON " + te.Value + " as " + te.Type.String())
		}
		return errParse("malformed JSON: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return errParse("malformed JSON: unexpected data after the request object")
	}
	return nil
}

// queryList reads an array query parameter: comma-separated values
// (explode: false, as the spec declares) and repeated parameters are both
// accepted; empty items are dropped.
func queryList(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for item := range strings.SplitSeq(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

func queryOne(q url.Values, key string) *string {
	if vs, ok := q[key]; ok && len(vs) > 0 {
		return &vs[0]
	}
	return nil
}

func readFilterParams(q url.Values) filterParams {
	return filterParams{
		Type:        queryList(q, "type"),
		ExternalRef: queryList(q, "external_ref"),
		Members:     queryList(q, "members"),
		Parent:      queryList(q, "parent"),
	}
}

func (s *Server) readListParams(r *http.Request, body []byte) (*listParams, *apiError) {
	var p listParams
	if r.Method == http.MethodPost {
		if e := decodeJSON(body, &p); e != nil {
			return nil, e
		}
		return &p, nil
	}
	q := r.URL.Query()
	p.filterParams = readFilterParams(q)
	p.SortBy = queryList(q, "sort_by")
	p.Cursor = queryOne(q, "cursor")
	p.Mode = queryOne(q, "mode")
	if l := queryOne(q, "limit"); l != nil && *l != "" {
		n, err := strconv.ParseInt(*l, 10, 64)
		if err != nil {
			return nil, errInvalidField("limit", "limit must be an integer, got "+strconv.Quote(*l))
		}
		p.Limit = &n
	}
	return &p, nil
}

func (p *filterParams) filter() (filter, *apiError) {
	for _, t := range p.Type {
		if !slices.Contains(EngagementTypes, t) {
			return filter{}, errInvalidEnum("type", t, EngagementTypes)
		}
	}
	return filter{
		types:   toSet(p.Type, nil),
		extRefs: toSet(p.ExternalRef, nil),
		members: toSet(p.Members, normID),
		parents: toSet(p.Parent, normID),
	}, nil
}

func (s *Server) handleList(r *http.Request, body []byte, pf pageFault) ([]byte, *apiError) {
	p, e := s.readListParams(r, body)
	if e != nil {
		return nil, e
	}
	q := listQuery{pageFault: pf, limit: defaultLimit}
	if q.filter, e = p.filter(); e != nil {
		return nil, e
	}
	if p.Mode != nil && *p.Mode != "" {
		switch *p.Mode {
		case "after":
		case "before":
			q.before = true
		default:
			return nil, errInvalidEnum("mode", *p.Mode, listModes)
		}
	}
	if q.spec, e = parseSortBy(p.SortBy); e != nil {
		return nil, e
	}
	if p.Limit != nil {
		if *p.Limit < 1 || *p.Limit > maxLimit {
			return nil, errInvalidField("limit", "limit must be between 1 and 100, got "+strconv.FormatInt(*p.Limit, 10))
		}
		q.limit = int(*p.Limit)
	}
	n := len(s.store.items)
	if q.before {
		q.pos = n // no cursor in mode before means "from the end"
	}
	if p.Cursor != nil && *p.Cursor != "" {
		q.cursor = *p.Cursor
		if q.pos, e = decodeCursor(q.cursor, q.spec, n); e != nil {
			return nil, e
		}
	}
	res := s.store.list(&q)
	return s.renderPage(res), nil
}

// renderPage concatenates the pre-rendered engagements into a list response.
func (s *Server) renderPage(res listResult) []byte {
	size := 64
	for _, i := range res.items {
		size += len(s.store.json[i]) + 1
	}
	size += len(res.next) + len(res.prev)
	out := make([]byte, 0, size)
	out = append(out, `{"engagements":[`...)
	for k, i := range res.items {
		if k > 0 {
			out = append(out, ',')
		}
		out = append(out, s.store.json[i]...)
	}
	out = append(out, ']')
	// Cursors are base64url, so they need no JSON escaping.
	if res.next != "" {
		out = append(out, `,"next_cursor":"`...)
		out = append(out, res.next...)
		out = append(out, '"')
	}
	if res.prev != "" {
		out = append(out, `,"prev_cursor":"`...)
		out = append(out, res.prev...)
		out = append(out, '"')
	}
	return append(out, '}')
}

func (s *Server) handleCount(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
	var p filterParams
	if r.Method == http.MethodPost {
		if e := decodeJSON(body, &p); e != nil {
			return nil, e
		}
	} else {
		p = readFilterParams(r.URL.Query())
	}
	f, e := p.filter()
	if e != nil {
		return nil, e
	}
	return []byte(`{"count":` + strconv.Itoa(s.store.count(&f)) + `}`), nil
}

func (s *Server) handleGet(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
	var id string
	if r.Method == http.MethodPost {
		var p struct {
			ID *string `json:"id"`
		}
		if e := decodeJSON(body, &p); e != nil {
			return nil, e
		}
		if p.ID != nil {
			id = *p.ID
		}
	} else {
		id = r.URL.Query().Get("id")
	}
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, errMissingField("id")
	}
	i, ok := s.store.byID[id]
	if !ok {
		i, ok = s.store.byDisplay[strings.ToUpper(id)]
	}
	if !ok {
		return nil, errNotFound("engagement " + strconv.Quote(id) + " not found")
	}
	js := s.store.json[i]
	out := make([]byte, 0, len(js)+16)
	out = append(out, `{"engagement":`...)
	out = append(out, js...)
	return append(out, '}'), nil
}

var _ http.Handler = (*Server)(nil)
