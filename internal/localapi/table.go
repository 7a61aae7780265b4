package localapi

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A table is one collection the server lists (one per list endpoint): its
// rows pre-rendered as JSON, their ids and their sort keys. Rows
// are stored in the default order (created_date ascending, ties by id), and
// the table never changes after it is built, except for its cache of sort
// orders. Everything about paging (sort_by, cursors, modes, limits, page
// faults) is here and in table.query (request.go), once; the objects' declarations
// say how a row matches a filter and how it renders.
type table struct {
	name   string   // the list's path, which scopes its cursors
	fields []string // sortable fields, in the order error messages list them
	keys   map[string][]int64
	ids    []string // the last tie-break
	json   [][]byte // pre-rendered rows

	byID      map[string]int
	byDisplay map[string]int // upper-cased display id

	orderMu sync.Mutex
	orders  map[string][]int32 // canonical sort spec -> row indexes
}

// column is a sortable field of one kind of row.
type column[T any] struct {
	name  string
	value func(*T) string
}

// newTable sorts in into the default order (created_date ascending, ties
// by id) and indexes it as the list at path. cols are the sortable fields
// (the first is created_date); fields named *_date or *_time (an SLA's
// target_time) sort as instants, others as strings. render renders the
// sorted rows. It returns the table and the sorted rows (copies made by
// clone).
func newTable[T any](path string, in []T, cols []column[T], id, displayID func(*T) string, clone func(T) T, render func([]T) [][]byte) (*table, []T) {
	created := make([]int64, len(in))
	ids := make([]string, len(in))
	for i := range in {
		created[i], ids[i] = parseInstant(cols[0].value(&in[i])), id(&in[i])
	}
	perm := defaultOrder(created, ids)
	rows := make([]T, len(in))
	displayIDs := make([]string, len(in))
	for i, j := range perm {
		rows[i] = clone(in[j])
		ids[i], displayIDs[i] = id(&rows[i]), displayID(&rows[i])
	}
	t := &table{
		name: path, ids: ids, json: render(rows), keys: map[string][]int64{},
		byID:      make(map[string]int, len(ids)),
		byDisplay: make(map[string]int, len(ids)),
		orders:    map[string][]int32{},
	}
	for _, c := range cols {
		vals := make([]string, len(rows))
		for i := range rows {
			vals[i] = c.value(&rows[i])
		}
		t.fields = append(t.fields, c.name)
		if strings.HasSuffix(c.name, "_date") || strings.HasSuffix(c.name, "_time") {
			t.keys[c.name] = instantKeys(vals)
		} else {
			t.keys[c.name] = stringKeys(vals)
		}
	}
	for i, id := range ids {
		if _, dup := t.byID[id]; !dup {
			t.byID[id] = i
		}
		if d := strings.ToUpper(displayIDs[i]); d != "" {
			if _, dup := t.byDisplay[d]; !dup {
				t.byDisplay[d] = i
			}
		}
	}
	return t, rows
}

// renderEach renders rows one by one with encoding/json (see marshal).
func renderEach[T any](rows []T) [][]byte {
	out := make([][]byte, len(rows))
	for i := range rows {
		out[i] = marshal(&rows[i])
	}
	return out
}

// lookup finds a row by DON id or display id (any case).
func (t *table) lookup(id string) (int, bool) {
	id = strings.TrimSpace(id)
	if i, ok := t.byID[id]; ok {
		return i, true
	}
	i, ok := t.byDisplay[strings.ToUpper(id)]
	return i, ok
}

// defaultOrder returns the permutation that puts rows in the default order:
// created instant ascending (absent first), ties by id.
func defaultOrder(created []int64, ids []string) []int {
	perm := make([]int, len(ids))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		if c := cmp.Compare(created[a], created[b]); c != 0 {
			return c
		}
		return strings.Compare(ids[a], ids[b])
	})
	return perm
}

// absent sorts before every instant and string.
const absent = math.MinInt64

// parseInstant turns an RFC 3339 date into Unix nanoseconds. Dates compare
// as instants, not strings: "…:12Z" and "…:12.000Z" are equal, and "…:12Z"
// sorts before "…:12.345Z" although it compares greater as a string.
func parseInstant(s string) int64 {
	if s == "" {
		return absent
	}
	// RFC 3339 allows "t" and "z" in lower case; DevRev's timestamps may
	// also carry an offset without its colon ("+0200").
	s = strings.ToUpper(s)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if t, err = time.Parse("2006-01-02T15:04:05Z0700", s); err != nil {
			return absent // unparsable dates sort like absent ones
		}
	}
	return t.UnixNano()
}

// instantKeys parses one date per row.
func instantKeys(dates []string) []int64 {
	out := make([]int64, len(dates))
	for i, d := range dates {
		out[i] = parseInstant(d)
	}
	return out
}

// stringKeys ranks strings in byte order (equal strings share a rank; an
// empty string is absent).
func stringKeys(vals []string) []int64 {
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	out := make([]int64, len(vals))
	for i, v := range vals {
		if v == "" {
			out[i] = absent
			continue
		}
		r, _ := slices.BinarySearch(sorted, v)
		out[i] = int64(r)
	}
	return out
}

type sortKey struct {
	field string
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
		b.WriteString(k.field)
		if k.desc {
			b.WriteString(":desc")
		} else {
			b.WriteString(":asc")
		}
	}
	return b.String()
}

var defaultSort = sortSpec{{field: "created_date"}}

// parseSortBy turns sort_by entries ("created_date", "created_date:asc",
// "modified_date:desc") into a canonical spec. Empty input means the default.
func (t *table) parseSortBy(entries []string) (sortSpec, *apiError) {
	var spec sortSpec
	for _, e := range entries {
		name, dir, hasDir := strings.Cut(strings.TrimSpace(e), ":")
		if !slices.Contains(t.fields, name) {
			return nil, errInvalidField("sort_by", "invalid sort_by field "+strconv.Quote(e)+": allowed fields are "+listWords(t.fields))
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
		if slices.ContainsFunc(spec, func(k sortKey) bool { return k.field == name }) {
			continue
		}
		spec = append(spec, sortKey{field: name, desc: desc})
	}
	if len(spec) == 0 {
		return defaultSort, nil
	}
	return spec, nil
}

// listWords joins words as "a, b and c".
func listWords(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// order returns row indexes in the given sort order, computing each distinct
// order once. Ties on every sort field are broken by id, in the direction of
// the first sort key, so a descending order is the exact reverse of the
// ascending one.
func (t *table) order(spec sortSpec) []int32 {
	key := spec.String()
	t.orderMu.Lock()
	o, ok := t.orders[key]
	t.orderMu.Unlock()
	if ok {
		return o
	}
	o = make([]int32, len(t.ids))
	for i := range o {
		o[i] = int32(i)
	}
	if key != defaultSort.String() { // rows are already in the default order
		keys := make([][]int64, len(spec))
		for i, k := range spec {
			keys[i] = t.keys[k.field]
		}
		slices.SortFunc(o, func(a, b int32) int {
			for i, k := range spec {
				c := cmp.Compare(keys[i][a], keys[i][b])
				if k.desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			c := strings.Compare(t.ids[a], t.ids[b])
			if spec[0].desc {
				c = -c
			}
			return c
		})
	}
	t.orderMu.Lock()
	t.orders[key] = o
	t.orderMu.Unlock()
	return o
}

// Cursors are positions in the full (unfiltered) sort order: position p is
// the gap before order[p]. Because a table never changes, a position stays
// valid for the life of the server and for any filter. The cursor carries
// its list and the canonical sort, so it is rejected when reused with
// another list or sort.
type cursorPos struct {
	P *int   `json:"p"`
	S string `json:"s"`
	T string `json:"t"`
	// E tells apart cursors of empty pages: a real API scanning past
	// filtered-out rows hands back a new cursor each time, and a client
	// rightly treats a cursor it has already followed as a loop.
	E uint64 `json:"e,omitempty"`
}

func (t *table) encodeCursor(spec sortSpec, p int) string {
	return t.encodeCursorScan(spec, p, 0)
}

func (t *table) encodeCursorScan(spec sortSpec, p int, scan uint64) string {
	b, _ := json.Marshal(cursorPos{P: &p, S: spec.String(), T: t.name, E: scan})
	return base64.RawURLEncoding.EncodeToString(b)
}

// emptyScans numbers the cursors of empty pages.
var emptyScans atomic.Uint64

func (t *table) decodeCursor(c string, spec sortSpec) (int, *apiError) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(c, "="))
	var cp cursorPos
	if err != nil || json.Unmarshal(raw, &cp) != nil || cp.P == nil {
		return 0, errInvalidField("cursor", "invalid cursor")
	}
	if cp.T != t.name {
		return 0, errInvalidField("cursor", "cursor was issued by "+strconv.Quote(cp.T)+", not "+strconv.Quote(t.name))
	}
	if cp.S != spec.String() {
		return 0, errInvalidField("cursor", "cursor was issued for sort order "+strconv.Quote(cp.S)+", not "+strconv.Quote(spec.String()))
	}
	if *cp.P < 0 || *cp.P > len(t.ids) {
		return 0, errInvalidField("cursor", "cursor position is out of range")
	}
	return *cp.P, nil
}

// listQuery is a validated list request.
type listQuery struct {
	match     func(row int) bool // nil: every row
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
	pageOver
)

type listResult struct {
	rows       []int32 // row indexes, in sort order
	next, prev string  // "" = absent
}

// list computes one page. Positions are in the full order, so the filter is
// applied while scanning; without filters every check is O(1).
func (t *table) list(q *listQuery) listResult {
	order := t.order(q.spec)
	n := len(order)
	limit := q.limit
	switch q.pageFault {
	case pageShort:
		limit = max(1, limit/2)
	case pageOver:
		limit = maxLimit
	}
	all := q.match == nil
	matchAt := func(k int) bool { return all || q.match(int(order[k])) }
	anyIn := func(lo, hi int) bool { // any match in order[lo:hi]
		if all {
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
		if all {
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
		res.rows = []int32{}
		scan := emptyScans.Add(1)
		if anyIn(p, n) {
			res.next = t.encodeCursorScan(q.spec, p, scan)
		}
		if anyBefore(p) {
			res.prev = t.encodeCursorScan(q.spec, p, scan)
		}
		return res
	}

	page := make([]int32, 0, min(limit, n))
	var start, end int // the page covers positions [start, end)
	if !q.before {
		k := p
		for ; k < n && len(page) < limit; k++ {
			if matchAt(k) {
				page = append(page, order[k])
			}
		}
		start, end = p, k
	} else {
		k := p - 1
		for ; k >= 0 && len(page) < limit; k-- {
			if matchAt(k) {
				page = append(page, order[k])
			}
		}
		slices.Reverse(page) // pages are always in sort order
		start, end = k+1, p
	}
	res.rows = page
	if anyIn(end, n) {
		res.next = t.encodeCursor(q.spec, end)
	}
	if anyBefore(start) {
		res.prev = t.encodeCursor(q.spec, start)
	}
	if q.pageFault == pageRepeat {
		// A cursor loop: echo the request's cursor (or, on a first request,
		// point just past this page), on every response, even at the end.
		c := q.cursor
		if c == "" {
			if q.before {
				c = t.encodeCursor(q.spec, start)
			} else {
				c = t.encodeCursor(q.spec, end)
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

// count counts the matching rows.
func (t *table) count(match func(int) bool) int {
	if match == nil {
		return len(t.ids)
	}
	n := 0
	for i := range t.ids {
		if match(i) {
			n++
		}
	}
	return n
}

// renderPage concatenates pre-rendered rows into a list response whose
// array is called key.
func (t *table) renderPage(key string, res listResult) []byte {
	size := 64 + len(key)
	for _, i := range res.rows {
		size += len(t.json[i]) + 1
	}
	size += len(res.next) + len(res.prev)
	out := make([]byte, 0, size)
	out = append(out, `{"`...)
	out = append(out, key...)
	out = append(out, `":[`...)
	for k, i := range res.rows {
		if k > 0 {
			out = append(out, ',')
		}
		out = append(out, t.json[i]...)
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

// renderOne wraps row i as {"key": row}, the shape of a get response.
func (t *table) renderOne(key string, i int) []byte {
	js := t.json[i]
	out := make([]byte, 0, len(js)+len(key)+8)
	out = append(out, `{"`...)
	out = append(out, key...)
	out = append(out, `":`...)
	out = append(out, js...)
	return append(out, '}')
}
