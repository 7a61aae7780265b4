package localapi

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Engagement is the server's model of a DevRev engagement. JSON tags follow
// DevRev's wire format; an empty string or nil pointer means "absent" and is
// omitted from responses, as DevRev omits unset optional fields. Dates are
// kept as the exact strings to serve (RFC 3339, with or without fractional
// seconds); they are parsed only to sort.
type Engagement struct {
	CreatedBy      *UserSummary `json:"created_by,omitempty"`
	CreatedDate    string       `json:"created_date,omitempty"`
	Description    string       `json:"description,omitempty"`
	DisplayID      string       `json:"display_id,omitempty"`
	EngagementType string       `json:"engagement_type,omitempty"`
	ExternalRef    string       `json:"external_ref,omitempty"`
	ExternalURL    string       `json:"external_url,omitempty"`
	ID             string       `json:"id"`
	ModifiedBy     *UserSummary `json:"modified_by,omitempty"`
	ModifiedDate   string       `json:"modified_date,omitempty"`
	ScheduledDate  string       `json:"scheduled_date,omitempty"`
	Title          string       `json:"title,omitempty"`

	// Members and Parents are not part of DevRev's engagement response, but
	// the list/count filters select on them. Values are IDs such as
	// "DEVU-1" or "ACC-3" (display IDs match case-insensitively).
	Members []string `json:"-"`
	Parents []string `json:"-"`
}

// UserSummary is DevRev's user-summary (discriminated by Type: dev_user,
// rev_user, service_account, sys_user).
type UserSummary struct {
	Type           string           `json:"type"`
	DisplayID      string           `json:"display_id,omitempty"`
	DisplayName    string           `json:"display_name,omitempty"`
	DisplayPicture *ArtifactSummary `json:"display_picture,omitempty"`
	Email          string           `json:"email,omitempty"`
	FullName       string           `json:"full_name,omitempty"`
	ID             string           `json:"id"`
	State          string           `json:"state,omitempty"`
}

// ArtifactSummary is DevRev's artifact-summary.
type ArtifactSummary struct {
	DisplayID string               `json:"display_id,omitempty"`
	File      *ArtifactFileSummary `json:"file,omitempty"`
	ID        string               `json:"id"`
}

// ArtifactFileSummary is DevRev's artifact-file-summary.
type ArtifactFileSummary struct {
	Name string `json:"name,omitempty"`
	Size int64  `json:"size,omitempty"`
	Type string `json:"type,omitempty"`
}

// EngagementTypes is the engagement-type enum, in the spec's order.
var EngagementTypes = []string{
	"call", "conversation", "custom", "default", "email",
	"linked_in", "meeting", "offline", "survey",
}

var listModes = []string{"after", "before"}

const (
	defaultLimit = 50
	maxLimit     = 100
)

// Sort fields. Dates are compared as instants, not strings: "…:12Z" and
// "…:12.000Z" are equal, and "…:12Z" sorts before "…:12.345Z" although it
// compares greater as a string.
const (
	fieldCreated = iota
	fieldModified
)

var sortFieldNames = []string{"created_date", "modified_date"}

type sortKey struct {
	field int
	desc  bool
}

// sortSpec is a canonical sort order: each field at most once (a repeated
// field can never break a tie, so later repeats are dropped).
type sortSpec []sortKey

func (sp sortSpec) String() string {
	var b strings.Builder
	for i, k := range sp {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(sortFieldNames[k.field])
		if k.desc {
			b.WriteString(":desc")
		} else {
			b.WriteString(":asc")
		}
	}
	return b.String()
}

var defaultSort = sortSpec{{field: fieldCreated}}

// parseSortBy turns sort_by entries ("created_date", "created_date:asc",
// "modified_date:desc") into a canonical spec. Empty input means the default.
func parseSortBy(entries []string) (sortSpec, *apiError) {
	var spec sortSpec
	var seen [2]bool
	for _, e := range entries {
		name, dir, hasDir := strings.Cut(strings.TrimSpace(e), ":")
		field := slices.Index(sortFieldNames, name)
		if field < 0 {
			return nil, errInvalidField("sort_by", "invalid sort_by field "+strconv.Quote(e)+": allowed fields are created_date and modified_date")
		}
		desc := false
		if hasDir {
			switch dir {
			case "asc":
			case "desc":
				desc = true
			default:
				return nil, errInvalidField("sort_by", "invalid sort_by direction in "+strconv.Quote(e)+": use asc or desc")
			}
		}
		if seen[field] {
			continue
		}
		seen[field] = true
		spec = append(spec, sortKey{field: field, desc: desc})
	}
	if len(spec) == 0 {
		return defaultSort, nil
	}
	return spec, nil
}

// store is immutable after newStore, except for the lazily filled order cache.
type store struct {
	items []Engagement // created_date ascending, ties by id
	json  [][]byte     // pre-rendered JSON of items[i]

	times   [2][]int64 // parsed created/modified instants (unix ns); math.MinInt64 when absent
	types   []string
	extRefs []string
	members [][]string // normalised (see normID)
	parents [][]string

	byID      map[string]int
	byDisplay map[string]int // upper-cased display id

	orderMu sync.Mutex
	orders  map[string][]int32 // canonical sort spec -> item indexes
}

// normID makes display IDs (ACC-1, devu-2) match case-insensitively while
// leaving DON IDs, which are case-sensitive, alone.
func normID(s string) string {
	if strings.HasPrefix(s, "don:") {
		return s
	}
	return strings.ToUpper(s)
}

func parseInstant(s string) int64 {
	if s == "" {
		return math.MinInt64
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return math.MinInt64 // unparsable dates sort like absent ones
	}
	return t.UnixNano()
}

func newStore(in []Engagement) *store {
	n := len(in)
	created := make([]int64, n)
	for i := range in {
		created[i] = parseInstant(in[i].CreatedDate)
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		if c := cmp.Compare(created[a], created[b]); c != 0 {
			return c
		}
		return strings.Compare(in[a].ID, in[b].ID)
	})

	s := &store{
		items:     make([]Engagement, n),
		json:      make([][]byte, n),
		types:     make([]string, n),
		extRefs:   make([]string, n),
		members:   make([][]string, n),
		parents:   make([][]string, n),
		byID:      make(map[string]int, n),
		byDisplay: make(map[string]int, n),
		orders:    make(map[string][]int32),
	}
	s.times[fieldCreated] = make([]int64, n)
	s.times[fieldModified] = make([]int64, n)
	for i, j := range perm {
		e := in[j]
		e.Members = slices.Clone(e.Members)
		e.Parents = slices.Clone(e.Parents)
		s.items[i] = e
		s.times[fieldCreated][i] = created[j]
		s.times[fieldModified][i] = parseInstant(e.ModifiedDate)
		s.types[i] = e.EngagementType
		s.extRefs[i] = e.ExternalRef
		s.members[i] = normAll(e.Members)
		s.parents[i] = normAll(e.Parents)
		if _, dup := s.byID[e.ID]; !dup {
			s.byID[e.ID] = i
		}
		if e.DisplayID != "" {
			if _, dup := s.byDisplay[strings.ToUpper(e.DisplayID)]; !dup {
				s.byDisplay[strings.ToUpper(e.DisplayID)] = i
			}
		}
	}
	s.renderAll()
	return s
}

// normAll normalises ids, returning ids itself when nothing changes (the
// common case) to save an allocation per engagement.
func normAll(ids []string) []string {
	var out []string
	for i, v := range ids {
		if nv := normID(v); nv != v && out == nil {
			out = slices.Clone(ids)
			out[i] = nv
		} else if out != nil {
			out[i] = nv
		}
	}
	if out == nil {
		return ids
	}
	return out
}

// renderAll pre-renders every engagement once so pages are built by
// concatenating bytes. Each worker renders a contiguous range into one
// arena, which keeps allocation (and GC work) low for large stores.
func (s *store) renderAll() {
	n := len(s.items)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/5000))
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min(n, (w+1)*chunk)
		if lo >= hi {
			continue
		}
		wg.Go(func() {
			users := make(map[*UserSummary][]byte)
			arena := make([]byte, 0, (hi-lo)*1400)
			ends := make([]int, hi-lo)
			for i := lo; i < hi; i++ {
				arena = appendEngagement(arena, &s.items[i], users)
				ends[i-lo] = len(arena)
			}
			prev := 0
			for i := lo; i < hi; i++ {
				end := ends[i-lo]
				s.json[i] = arena[prev:end:end]
				prev = end
			}
		})
	}
	wg.Wait()
}

// order returns item indexes in the given sort order, computing each distinct
// order once. Ties on every sort field are broken by id, in the direction of
// the first sort key, so a descending order is the exact reverse of the
// ascending one.
func (s *store) order(spec sortSpec) []int32 {
	key := spec.String()
	s.orderMu.Lock()
	o, ok := s.orders[key]
	s.orderMu.Unlock()
	if ok {
		return o
	}
	o = make([]int32, len(s.items))
	for i := range o {
		o[i] = int32(i)
	}
	if key != defaultSort.String() { // items are already in the default order
		slices.SortFunc(o, func(a, b int32) int {
			for _, k := range spec {
				c := cmp.Compare(s.times[k.field][a], s.times[k.field][b])
				if k.desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			c := strings.Compare(s.items[a].ID, s.items[b].ID)
			if spec[0].desc {
				c = -c
			}
			return c
		})
	}
	s.orderMu.Lock()
	s.orders[key] = o
	s.orderMu.Unlock()
	return o
}

// filter holds the list/count filters; an engagement matches a filter when
// any of its values is in the set, and filters combine with AND. A nil set
// means no filter.
type filter struct {
	types, extRefs, members, parents map[string]struct{}
}

func (f *filter) empty() bool {
	return f.types == nil && f.extRefs == nil && f.members == nil && f.parents == nil
}

func toSet(vals []string, norm func(string) string) map[string]struct{} {
	if len(vals) == 0 {
		return nil
	}
	m := make(map[string]struct{}, len(vals))
	for _, v := range vals {
		if norm != nil {
			v = norm(v)
		}
		m[v] = struct{}{}
	}
	return m
}

func anyIn(vals []string, set map[string]struct{}) bool {
	for _, v := range vals {
		if _, ok := set[v]; ok {
			return true
		}
	}
	return false
}

func (s *store) match(f *filter, i int) bool {
	if f.types != nil {
		if _, ok := f.types[s.types[i]]; !ok {
			return false
		}
	}
	if f.extRefs != nil {
		if _, ok := f.extRefs[s.extRefs[i]]; !ok || s.extRefs[i] == "" {
			return false
		}
	}
	if f.members != nil && !anyIn(s.members[i], f.members) {
		return false
	}
	if f.parents != nil && !anyIn(s.parents[i], f.parents) {
		return false
	}
	return true
}

func (s *store) count(f *filter) int {
	if f.empty() {
		return len(s.items)
	}
	n := 0
	for i := range s.items {
		if s.match(f, i) {
			n++
		}
	}
	return n
}

// Cursors are positions in the full (unfiltered) sort order: position p is
// the gap before order[p]. Because the store never changes, a position stays
// valid for the life of the server and for any filter. The cursor carries
// the canonical sort so it is rejected when reused with another sort.
type cursorPos struct {
	P *int   `json:"p"`
	S string `json:"s"`
	// E tells apart cursors of empty pages: a real API scanning past
	// filtered-out rows hands back a new cursor each time, and a client
	// rightly treats a cursor it has already followed as a loop.
	E uint64 `json:"e,omitempty"`
}

func encodeCursor(spec sortSpec, p int) string {
	return encodeCursorScan(spec, p, 0)
}

func encodeCursorScan(spec sortSpec, p int, scan uint64) string {
	b, _ := json.Marshal(cursorPos{P: &p, S: spec.String(), E: scan})
	return base64.RawURLEncoding.EncodeToString(b)
}

// emptyScans numbers the cursors of empty pages.
var emptyScans atomic.Uint64

func decodeCursor(c string, spec sortSpec, n int) (int, *apiError) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(c, "="))
	var cp cursorPos
	if err != nil || json.Unmarshal(raw, &cp) != nil || cp.P == nil {
		return 0, errInvalidField("cursor", "invalid cursor")
	}
	if cp.S != spec.String() {
		return 0, errInvalidField("cursor", "cursor was issued for sort order "+strconv.Quote(cp.S)+", not "+strconv.Quote(spec.String()))
	}
	if *cp.P < 0 || *cp.P > n {
		return 0, errInvalidField("cursor", "cursor position is out of range")
	}
	return *cp.P, nil
}

// listQuery is a validated list request.
type listQuery struct {
	filter    filter
	spec      sortSpec
	before    bool
	cursor    string // as sent; "" = none
	pos       int    // decoded cursor position (or the default start)
	limit     int
	pageFault pageFault
}

// pageFault is the page-shaping fault (if any) applied to a list request.
type pageFault int

const (
	pageNormal pageFault = iota
	pageShort
	pageEmpty
	pageRepeat
)

type listResult struct {
	items      []int32 // item indexes, in sort order
	next, prev string  // "" = absent
}

// list computes one page. Positions are in the full order, so the filter is
// applied while scanning; without filters every check is O(1).
func (s *store) list(q *listQuery) listResult {
	order := s.order(q.spec)
	n := len(order)
	limit := q.limit
	if q.pageFault == pageShort {
		limit = max(1, limit/2)
	}
	matchAt := func(k int) bool { return s.match(&q.filter, int(order[k])) }
	anyIn := func(lo, hi int) bool { // any match in order[lo:hi]
		if q.filter.empty() {
			return lo < hi
		}
		for k := lo; k < hi; k++ {
			if matchAt(k) {
				return true
			}
		}
		return false
	}
	anyBefore := func(hi int) bool { // scan backwards: nearby matches are found fast
		if q.filter.empty() {
			return hi > 0
		}
		for k := hi - 1; k >= 0; k-- {
			if matchAt(k) {
				return true
			}
		}
		return false
	}

	var res listResult
	p := q.pos
	if q.pageFault == pageEmpty {
		// The page is empty but the cursors stay where they are (as new
		// cursor strings), so a client that follows them makes progress
		// once the fault stops.
		res.items = []int32{}
		scan := emptyScans.Add(1)
		if anyIn(p, n) {
			res.next = encodeCursorScan(q.spec, p, scan)
		}
		if anyBefore(p) {
			res.prev = encodeCursorScan(q.spec, p, scan)
		}
		return res
	}

	page := make([]int32, 0, min(limit, n))
	var start, end int // the page covers positions [start, end)
	if !q.before {
		k := p
		for ; k < n && len(page) < limit; k++ {
			if q.filter.empty() || matchAt(k) {
				page = append(page, order[k])
			}
		}
		start, end = p, k
	} else {
		k := p - 1
		for ; k >= 0 && len(page) < limit; k-- {
			if q.filter.empty() || matchAt(k) {
				page = append(page, order[k])
			}
		}
		slices.Reverse(page) // pages are always in sort order
		start, end = k+1, p
	}
	res.items = page
	if anyIn(end, n) {
		res.next = encodeCursor(q.spec, end)
	}
	if anyBefore(start) {
		res.prev = encodeCursor(q.spec, start)
	}
	if q.pageFault == pageRepeat {
		// A cursor loop: echo the request's cursor (or, on a first request,
		// point just past this page), on every response, even at the end.
		c := q.cursor
		if c == "" {
			if q.before {
				c = encodeCursor(q.spec, start)
			} else {
				c = encodeCursor(q.spec, end)
			}
		}
		if q.before {
			res.prev = c
		} else {
			res.next = c
		}
	}
	return res
}
