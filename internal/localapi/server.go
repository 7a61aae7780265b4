// Package localapi is a local, in-memory server for the parts of DevRev's
// API the provider reads, built from DevRev's OpenAPI description: every
// object the provider reads, each in a file named after it, with its list
// endpoint and, where DevRev has them, get and count (Server.Lists
// describes each list). The objects are consistent with each other: every
// object one names (a parent, a member, an owner, a part, a tag) is one the
// server serves too (the seed*.go files). It exists so tests, benchmarks
// and demos can exercise a DevRev client against realistic data, realistic
// errors and injected faults without network access or credentials; the
// client's unit tests and the provider's acceptance tests both use it.
//
// A Server is an http.Handler; serve it with httptest.NewServer or
// http.Server on loopback. Each endpoint takes POST with a JSON body or GET
// with query parameters (arrays comma-separated or repeated; a date-time
// filter as created_date.after and created_date.before; works' nested
// filters, such as ticket.severity, only in a POST body).
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
	"errors"
	"io"
	"net/http"
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
	// AccountCount and DevUserCount are the numbers of generated accounts
	// (ACC-1.., default 8, the first named "Acme Corp") and dev users
	// (DEVU-1.., default 12); a negative count means none. Generated
	// engagements have parents among these accounts and members among
	// these dev users.
	AccountCount, DevUserCount int
	// Seed seeds the generated data: the same Seed, counts and SeedDate
	// always give the same data, byte for byte.
	Seed uint64
	// SeedDate, when set, dates the generated data as of that day (UTC):
	// the newest object was created the day before, and every date moves
	// with it (seed_dates.go). Zero keeps the fixed dates tests pin
	// (engagements from 2023-01-02). Data given in the fields below stays
	// as given.
	SeedDate time.Time
	// Engagements, Accounts and DevUsers, when non-nil, replace the
	// generated data of their kind (an empty, non-nil slice gives an empty
	// list). IDs should be unique; the server sorts each by created_date,
	// then id.
	Engagements []Engagement
	Accounts    []Account
	DevUsers    []DevUser
	// WorkCount is the number of generated works (TKT-1, ISS-1, ...;
	// default 120, negative none), over the accounts and dev users; Works,
	// when non-nil, replaces them.
	WorkCount int
	Works     []Work
	// PartCount is the number of generated parts (PROD-1, ...; default 6,
	// the seed hierarchy product → capability → feature; negative none),
	// owned by the dev users; works apply to them. Parts, when non-nil,
	// replaces them.
	PartCount int
	Parts     []Part
	// TagCount is the number of generated tags (TAG-1, ...; default 10,
	// the seed tags first; negative none): the tags accounts, works and
	// parts carry are among them. Tags, when non-nil, replaces them.
	TagCount int
	Tags     []Tag
	// IgnoreWorkDateFilters serves works.list as DevRev does for some
	// organizations: its created_date and modified_date filters are
	// checked but not applied (../shared/devrev-api/SOURCES.md).
	IgnoreWorkDateFilters bool
	// Meetings, when non-nil, replace the meetings the server derives
	// from the engagements of type meeting (seed_meetings.go).
	Meetings []Meeting
	// IgnoreMeetingDateFilters serves meetings.list without applying its
	// date filters (they are still checked), as DevRev does for the date
	// filters of some lists for some organizations.
	IgnoreMeetingDateFilters bool
	// RevOrgCount is the number of generated rev orgs: each account's own
	// (REV-<n> for ACC-<n>) first, then workspaces of the accounts in turn
	// (REV-<n>W2, ...). 0 means one per account plus one more for every
	// fourth account (10 for the default 8 accounts); negative, or no
	// accounts, none. RevUserCount is the number of generated rev users
	// (REVU-1.., default 20, negative none), in those rev orgs. RevOrgs and
	// RevUsers, when non-nil, replace them.
	RevOrgCount, RevUserCount int
	RevOrgs                   []RevOrg
	RevUsers                  []RevUser
	// WorkCountCap caps works.count: a larger count answers the cap with
	// has_more true, as DevRev's count does. 0 is no cap.
	WorkCountCap int
	// GroupCount is the number of generated groups (GRP-1.., default 6:
	// "Support L1", "Support L2", "Engineering", "Sales", "Everyone" (the
	// default group, every dev user) and "Customer champions" (rev users);
	// negative none), their members among the dev users; Groups, when
	// non-nil, replaces them (members by Group.Members).
	GroupCount int
	Groups     []Group
	// GroupMemberCountCap caps groups.members.count as WorkCountCap caps
	// works.count.
	GroupMemberCountCap int
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
	engagements *engagementTable
	accounts    *accountTable
	devUsers    *devUserTable
	works       *workTable
	meetings    *meetingTable
	parts       *partTable
	tags        *tagTable
	groups      *groupTable
	members     *memberTable
	revOrgs     *revOrgTable
	revUsers    *revUserTable
	lists       []*table // every list, for Cursor
	routes      map[string]handler
	intercept   func(w http.ResponseWriter, r *http.Request, n int, body []byte) bool
	token       string
	gzip        bool
	noRecord    bool
	latency     time.Duration

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
func New(opts Options) *Server {
	var generated []any // pointers to the generated slices, whose dates SeedDate moves
	devUsers := opts.DevUsers
	if devUsers == nil {
		generated = append(generated, &devUsers)
		devUsers = generateDevUsers(opts.Seed, count(opts.DevUserCount, defaultDevUsers))
	}
	tags := opts.Tags
	if tags == nil {
		generated = append(generated, &tags)
		tags = generateTags(opts.Seed, count(opts.TagCount, defaultTags), devUsers)
	}
	accounts := opts.Accounts
	if accounts == nil {
		generated = append(generated, &accounts)
		accounts = generateAccounts(opts.Seed, count(opts.AccountCount, defaultAccounts), devUsers, tags)
	}
	parts := opts.Parts
	if parts == nil {
		generated = append(generated, &parts)
		parts = generateParts(opts.Seed, count(opts.PartCount, len(seedParts)), devUsers, tags)
	}
	engagements := opts.Engagements
	if engagements == nil {
		generated = append(generated, &engagements)
		engagements = generateEngagements(opts.Seed, count(opts.Count, 300), len(accounts), len(devUsers))
	}
	works := opts.Works
	if works == nil {
		generated = append(generated, &works)
		start := worksFixedStart
		if !opts.SeedDate.IsZero() {
			start = worksBeforeEngagements
		}
		works = generateWorks(opts.Seed, count(opts.WorkCount, defaultWorks), start, accounts, devUsers, parts, tags)
	}
	meetings := opts.Meetings
	if meetings == nil {
		if opts.Engagements == nil { // derived from generated engagements, they move with them
			generated = append(generated, &meetings)
		}
		meetings = deriveMeetings(opts.Seed, engagements, accounts, devUsers)
	}
	groups := opts.Groups
	if groups == nil {
		generated = append(generated, &groups)
		groups = generateGroups(opts.Seed, count(opts.GroupCount, defaultGroups), devUsers)
	}
	revOrgs := opts.RevOrgs
	if revOrgs == nil {
		generated = append(generated, &revOrgs)
		revOrgs = generateRevOrgs(opts.Seed, count(opts.RevOrgCount, defaultRevOrgs(len(accounts))), accounts, devUsers, tags)
	}
	revUsers := opts.RevUsers
	if revUsers == nil {
		generated = append(generated, &revUsers)
		revUsers = generateRevUsers(opts.Seed, count(opts.RevUserCount, defaultRevUsers), revOrgs, devUsers, tags)
	}
	if !opts.SeedDate.IsZero() {
		shiftDates(seedShiftDays(opts.SeedDate, generated...), generated...)
	}
	users := make([]*UserSummary, 0, len(devUsers)+len(seedUsers))
	for i := range devUsers {
		users = append(users, devUsers[i].Summary())
	}
	for _, u := range seedUsers {
		users = append(users, makeUser(u)) // rev users and others that create engagements
	}
	groupTable := newGroupTable(groups)
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	s := &Server{
		engagements: newEngagementTable(engagements, newReferences(opts.BareReferences, accounts, users)),
		accounts:    newAccountTable(accounts),
		devUsers:    newDevUserTable(devUsers),
		works:       newWorkTable(works, opts),
		meetings:    newMeetingTable(meetings, opts),
		parts:       newPartTable(parts),
		tags:        newTagTable(tags),
		groups:      groupTable,
		members:     newMemberTable(groupTable, users, revOrgsOf(revUsers), opts.GroupMemberCountCap),
		revOrgs:     newRevOrgTable(revOrgs),
		revUsers:    newRevUserTable(revUsers),
		routes:      map[string]handler{},
		intercept:   opts.Intercept,
		token:       opts.Token,
		gzip:        opts.Gzip,
		noRecord:    opts.DisableRecording,
		latency:     opts.Latency,
		idPrefix:    hex.EncodeToString(rnd[:]),
	}
	// Every table, registered here once: its routes and its list.
	add := func(path string, h handler) { s.routes[path] = h }
	for _, t := range []interface {
		routes(func(string, handler))
		listed() *table
	}{s.engagements, s.accounts, s.devUsers, s.works, s.meetings, s.parts, s.tags, s.groups, s.members, s.revOrgs, s.revUsers} {
		t.routes(add)
		s.lists = append(s.lists, t.listed())
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

// copies returns a copy of items, each cloned: the accessors below hand
// tests the served objects, which the tests must not be able to change.
// The summaries the objects point to are shared and must not be modified.
func copies[T any](items []T, clone func(T) T) []T {
	out := make([]T, len(items))
	for i, x := range items {
		out[i] = clone(x)
	}
	return out
}

// Engagements returns the engagements in created_date ascending order (ties
// by id), i.e. the order of the default sort, as a copy.
func (s *Server) Engagements() []Engagement { return copies(s.engagements.items, cloneEngagement) }

// Accounts returns the accounts in the default order, as a copy.
func (s *Server) Accounts() []Account { return copies(s.accounts.items, cloneAccount) }

// DevUsers returns the dev users in the default order, as a copy.
func (s *Server) DevUsers() []DevUser { return slices.Clone(s.devUsers.items) }

// Works returns the works in the default order, as a copy.
func (s *Server) Works() []Work { return copies(s.works.items, cloneWork) }

// Meetings returns the meetings in the default order, as a copy.
func (s *Server) Meetings() []Meeting { return copies(s.meetings.items, cloneMeeting) }

// Parts returns the parts in the default order, as a copy.
func (s *Server) Parts() []Part { return copies(s.parts.items, clonePart) }

// Tags returns the tags in the default order, as a copy.
func (s *Server) Tags() []Tag { return copies(s.tags.items, cloneTag) }

// RevOrgs returns the rev orgs in the default order, as a copy.
func (s *Server) RevOrgs() []RevOrg { return copies(s.revOrgs.items, cloneRevOrg) }

// RevUsers returns the rev users in the default order, as a copy.
func (s *Server) RevUsers() []RevUser { return copies(s.revUsers.items, cloneRevUser) }

// Groups returns the groups in the default order, as a copy.
func (s *Server) Groups() []Group { return copies(s.groups.items, cloneGroup) }

// GroupMembers returns the members of the group with the DON id or display
// id group, in the order groups.members.list serves them, or nil for an
// unknown group. The summaries are shared and must not be modified.
func (s *Server) GroupMembers(group string) []GroupMember {
	match, e := s.members.compile(&membersFilter{Group: &group})
	if e != nil {
		return nil
	}
	out := []GroupMember{}
	for i := range s.members.items {
		if match(i) {
			out = append(out, s.members.items[i])
		}
	}
	return out
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
