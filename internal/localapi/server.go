// Package localapi is a local, in-memory server for the parts of DevRev's
// API the provider reads, built from DevRev's OpenAPI description: every
// object the provider reads, each declared once in a file named after it
// (object.go says what a declaration holds; each joins the server with
// serve, objects.go), with its list endpoint and, where DevRev has them,
// get and count (Server.Lists describes each list). The objects are
// consistent with each other: an object one names (a parent, a member, an
// owner, a part, a tag) is one the server serves too, but for kinds the
// provider has no data source for, which exist only as summaries (an
// article's directory). It exists so tests, benchmarks
// and demos can exercise a DevRev client against realistic data, realistic
// errors and injected faults without network access or credentials; the
// client's unit tests and the provider's acceptance tests both use it.
//
// A Server is an http.Handler; serve it with httptest.NewServer or
// http.Server on loopback. Each endpoint takes POST with a JSON body or GET
// with query parameters named by the filter's dotted path (arrays
// comma-separated or repeated; a date filter as created_date.after and
// created_date.before; a nested filter as ticket.severity).
//
// Listing: the default order is created_date:asc. sort_by entries are one
// of the list's sortable fields (Server.Lists), optionally suffixed ":asc"
// or ":desc"; dates compare as instants, and ties on every key are broken
// by id (byte order) in the direction of the first key, so a :desc order is
// exactly the reverse of the :asc one. limit defaults to 50 and must be 1..100.
//
// Filters: a set filter matches an object when one of the object's values is
// in the set (OR within a filter); filters combine with AND; an empty set
// does not filter. Ids match by DON id or display id, display ids without
// case; domains, websites and emails without case; other strings exactly.
// Date-time filters (after, before) are inclusive and compare instants; an
// object without the date never matches one. Invalid enums (type, state,
// mode), timestamps, sort_by, limits and cursors are 400s with DevRev's
// error bodies; an unknown id is a 404.
//
// Cursors are opaque strings marking a gap between two items of the full
// (unfiltered) sort order of one list; they stay valid for the server's
// lifetime and are rejected (400 invalid_field "cursor") by another list or
// with another sort order. Mode "after" (the default) from cursor position p
// returns the next limit matching items; mode "before" returns the limit
// matching items just before p (no cursor = the end), still in sort order.
// next_cursor is present iff matching items exist after the page and
// prev_cursor iff matching items exist before it; continue forward with
// next_cursor in mode after and backward with prev_cursor in mode before.
package localapi

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
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
	// Seed seeds the generated data: the same Seed, counts and SeedDate
	// always give the same data, byte for byte.
	Seed uint64
	// SeedDate, when set, dates the generated data as of that day (UTC):
	// the newest object was created the day before, and every date moves
	// with it (seed_dates.go). Zero keeps the fixed dates tests pin
	// (engagements from 2023-01-02). Data given in Data stays as given.
	SeedDate time.Time
	// Counts are the numbers of generated objects by list name (the list's
	// path without "/" and ".list": "engagements", "dev-users"): absent or
	// 0 is the kind's default, negative none. The kinds name each other (an
	// engagement's members are dev users), so a count changes what refers
	// to the kind; a kind derived from others (meetings, made from the
	// engagements of type meeting) follows them and has no count. Defaults
	// and ids are in each kind's seed (seed*.go).
	Counts map[string]int
	// Data replaces the generated objects of a list by name with the given
	// items, a []T of the list's item type (New panics naming the list
	// otherwise; a nil slice is as absent, an empty one an empty list).
	// IDs should be unique; the server sorts the items by created_date,
	// then id.
	Data map[string]any
	// IgnoreDateFilters names lists served as DevRev serves some of them
	// for some organizations: the date filters their declarations mark
	// orIgnored are checked but not applied (../shared/devrev-api/SOURCES.md).
	IgnoreDateFilters []string
	// CountCaps caps the counts DevRev caps (those answering has_more), by
	// list name: a larger count answers the cap with has_more true. 0 is no
	// cap.
	CountCaps map[string]int
	// BareReferences serves an engagement's parent and members as bare id
	// strings instead of summary objects (see references).
	BareReferences bool
	// Faults are injected failures; see Fault. SetFaults replaces them.
	Faults []Fault
	// Intercept, when set, sees every request after it is recorded and
	// before anything else (n counts requests from 1) and answers it itself
	// by returning true: a test's way to send what no fault describes.
	Intercept func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool
	// Gzip compresses responses for clients that send Accept-Encoding: gzip.
	Gzip bool
	// DisableRecording stops Requests from recording (for long benchmarks
	// that would otherwise accumulate every request).
	DisableRecording bool
	// RateLimit, when set, enforces a request quota (ratelimit.go).
	RateLimit RateLimit
	// Latency delays every response, as the round trip to a remote API
	// would, on top of any Slow fault; a client that gives up first gets no
	// answer. It lets tests and demos show what concurrency buys.
	Latency time.Duration
}

// Request is a recorded incoming request.
type Request struct {
	Method     string
	Path       string
	RawQuery   string
	Header     http.Header
	Body       []byte
	RemoteAddr string // the client's address: which connection carried it
}

// Server is the local DevRev API. It is safe for concurrent use.
type Server struct {
	objects   []declared
	served    map[string]served // by list name
	lists     []*table          // every list, for Cursor
	routes    map[string]handler
	intercept func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool
	token     string
	gzip      bool
	noRecord  bool
	latency   time.Duration

	reqMu sync.Mutex
	reqs  []Request
	nReqs int

	faultMu sync.Mutex
	faults  []faultState

	idPrefix string
	seq      atomic.Uint64

	limiter *limiter // informative only without Options.RateLimit
}

// DevRev's documented rate-limit window and a typical quota; without
// Options.RateLimit the headers are informative only (use a RateLimited fault
// or Options.RateLimit to get a 429).
const (
	rateLimitQuota  = 1000
	rateLimitWindow = 300 // seconds
	maxBodyBytes    = 1 << 20
)

// New builds a server, generating and rendering all its data at once, so
// that tests can afford large stores (BenchmarkNew50k; tools/performance.md,
// "Other measurements").
func New(opts Options) *Server { return newServer(opts, objects) }

// newServer builds a server of the given kinds.
func newServer(opts Options, objects []declared) *Server {
	sd := &seeds{opts: &opts, kinds: map[string]declared{}, data: map[string]any{}, busy: map[string]bool{}}
	for _, k := range objects {
		sd.kinds[k.name()] = k
	}
	// A name that is no list's would silently change nothing.
	for field, names := range map[string][]string{
		"Counts": slices.Collect(maps.Keys(opts.Counts)), "Data": slices.Collect(maps.Keys(opts.Data)),
		"CountCaps": slices.Collect(maps.Keys(opts.CountCaps)), "IgnoreDateFilters": opts.IgnoreDateFilters,
	} {
		for _, name := range names {
			if sd.kinds[name] == nil {
				panic("localapi: Options." + field + " names no list " + name)
			}
			if field == "Counts" && sd.kinds[name].isDerived() {
				panic("localapi: Options.Counts names " + name + ", which is made from other kinds and has no count")
			}
		}
	}
	for _, k := range objects {
		if !k.isDerived() {
			k.generate(sd)
		}
	}
	if !opts.SeedDate.IsZero() {
		shiftDates(seedShiftDays(opts.SeedDate, sd.generated...), sd.generated...)
	}
	sd.moved = true
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	s := &Server{
		objects:   objects,
		served:    map[string]served{},
		routes:    map[string]handler{},
		intercept: opts.Intercept,
		token:     opts.Token,
		gzip:      opts.Gzip,
		noRecord:  opts.DisableRecording,
		latency:   opts.Latency,
		idPrefix:  hex.EncodeToString(rnd[:]),
	}
	// Every object, registered here once: its routes and its list.
	add := func(path string, h handler) { s.routes[path] = h }
	for _, k := range objects {
		b := k.build(sd, s)
		s.served[k.name()] = b
		b.routes(add)
		s.lists = append(s.lists, b.listed())
	}
	s.SetFaults(opts.Faults)
	s.limiter = newLimiter(opts.RateLimit)
	return s
}

// count applies the counting convention of Options: 0 is the default and a
// negative count is none.
func count(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return 0
	}
	return n
}

// Items returns the objects of the list named name (as in Options.Counts)
// in the default order, created_date ascending, ties by id, as copies. It
// panics for an unknown list or when T is not the list's item type.
func Items[T any](s *Server, name string) []T { return Select[T](s, name, nil) }

// Select is Items of the objects a list request with these filters
// selects (filters as a POST body holds them, such as {"group": "GRP-1"}
// for groups.members), or nil when the list refuses the filters.
func Select[T any](s *Server, name string, filters map[string]any) []T {
	b := builtOf[T](s, name)
	var match func(int) bool
	if len(filters) > 0 {
		js, err := json.Marshal(filters)
		if err != nil {
			return nil
		}
		body, e := decodeBody(js)
		if e != nil {
			return nil
		}
		if match, e = b.compile(&request{body: body}, true); e != nil {
			return nil
		}
	}
	out := make([]T, 0, len(b.items))
	for i, x := range b.items {
		if match != nil && !match(i) {
			continue
		}
		if b.o.clone != nil {
			x = b.o.clone(x)
		}
		out = append(out, x)
	}
	return out
}

// builtOf is the built object of the list named name.
func builtOf[T any](s *Server, name string) *built[T] {
	b, ok := s.served[name].(*built[T])
	if !ok {
		panic(fmt.Sprintf("localapi: no list %q of %s", name, reflect.TypeFor[T]().Name()))
	}
	return b
}

// Cursor returns the cursor that marks position pos (the gap before the
// pos-th object, counting from 0) of the list at path ("/engagements.list")
// in the order sortBy names (the default order when empty), for tests that
// start a read in the middle of a list. It panics on an unknown list or sort.
func (s *Server) Cursor(path string, pos int, sortBy ...string) string {
	for _, t := range s.lists {
		if t.name != path {
			continue
		}
		spec, e := t.parseSortBy(sortBy)
		if e != nil {
			panic("localapi: " + e.Message)
		}
		return t.encodeCursor(spec, pos)
	}
	panic("localapi: no list " + path)
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

// record keeps the request (unless recording is disabled) and returns its
// number, counting from 1.
func (s *Server) record(r *http.Request, body []byte) int {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	s.nReqs++
	if s.noRecord {
		return s.nReqs
	}
	rec := Request{
		Method:     r.Method,
		Path:       r.URL.Path,
		RawQuery:   r.URL.RawQuery,
		Header:     r.Header.Clone(),
		Body:       body,
		RemoteAddr: r.RemoteAddr,
	}
	s.reqs = append(s.reqs, rec)
	return s.nReqs
}

func (s *Server) newID() string {
	return "req-" + s.idPrefix + "-" + strconv.FormatUint(s.seq.Add(1), 10)
}

// ServeHTTP records the request, lets Options.Intercept answer it, applies
// the rate limit, the faults and the latency, routes, authenticates and
// answers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body []byte
	var readErr error
	if r.Body != nil { // nil when the handler is called directly with a client request
		body, readErr = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	}
	n := s.record(r, body)
	if s.intercept != nil && s.intercept(w, r, n, body) {
		return
	}

	h := w.Header()
	h.Set("X-Request-Id", s.newID())
	if s.limitRate(w, r) {
		return
	}

	eff := s.applyFaults(r.URL.Path)
	eff.delay += s.latency
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

	handler, ok := s.routes[r.URL.Path]
	if !ok {
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

var _ http.Handler = (*Server)(nil)
