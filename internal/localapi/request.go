package localapi

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// handler answers one routed, authenticated request with a JSON body.
type handler func(r *http.Request, body []byte, pf pageFault) ([]byte, *apiError)

// listParams are the paging fields of every list request; nil means "not
// given".
type listParams struct {
	Cursor *string
	Limit  *int64
	Mode   *string
	SortBy []string
}

// params reads the paging fields of a list request.
func (r *request) params() (*listParams, *apiError) {
	var p listParams
	var e *apiError
	if p.Cursor, e = r.str("cursor"); e != nil {
		return nil, e
	}
	if p.Limit, e = r.integer("limit"); e != nil {
		return nil, e
	}
	if p.Mode, e = r.str("mode"); e != nil {
		return nil, e
	}
	if p.SortBy, e = r.set("sort_by", false); e != nil {
		return nil, e
	}
	return &p, nil
}

var listModes = []string{"after", "before"}

const (
	defaultLimit = 50
	maxLimit     = 100
)

// query validates the paging fields of a list request.
func (t *table) query(p *listParams, match func(int) bool, pf pageFault) (*listQuery, *apiError) {
	q := &listQuery{match: match, pageFault: pf, limit: defaultLimit}
	if p.Mode != nil && *p.Mode != "" {
		switch *p.Mode {
		case "after":
		case "before":
			q.before = true
		default:
			return nil, errInvalidEnum("mode", *p.Mode, listModes)
		}
	}
	var e *apiError
	if q.spec, e = t.parseSortBy(p.SortBy); e != nil {
		return nil, e
	}
	if p.Limit != nil {
		if *p.Limit < 1 || *p.Limit > maxLimit {
			return nil, errInvalidField("limit", "limit must be between 1 and 100, got "+strconv.FormatInt(*p.Limit, 10))
		}
		q.limit = int(*p.Limit)
	}
	if q.before {
		q.pos = len(t.ids) // no cursor in mode before means "from the end"
	}
	if p.Cursor != nil && *p.Cursor != "" {
		q.cursor = *p.Cursor
		if q.pos, e = t.decodeCursor(q.cursor, q.spec); e != nil {
			return nil, e
		}
	}
	return q, nil
}

// getHandler serves the get endpoint of t: {"id": …} by DON id or display id
// (any case), answered as {key: row} or 404.
func getHandler(t *table, key, noun string) handler {
	return func(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
		req, e := readFilters(r, body)
		if e != nil {
			return nil, e
		}
		id, e := req.str("id")
		if e != nil {
			return nil, e
		}
		if id == nil || strings.TrimSpace(*id) == "" {
			return nil, errMissingField("id")
		}
		i, ok := t.lookup(*id)
		if !ok {
			return nil, errNotFound(noun + " " + strconv.Quote(*id) + " not found")
		}
		return t.renderOne(key, i), nil
	}
}

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

// ---- filters ----

// A filter set matches a row when any of the row's values is in it (OR
// within a filter); the filters of one request combine with AND. A nil or
// empty set does not filter.
type set map[string]struct{}

func toSet(vals []string, norm func(string) string) set {
	if len(vals) == 0 {
		return nil
	}
	m := make(set, len(vals))
	for _, v := range vals {
		if norm != nil {
			v = norm(v)
		}
		m[v] = struct{}{}
	}
	return m
}

func (s set) has(v string) bool {
	_, ok := s[v]
	return ok
}

func (s set) hasAny(vals []string) bool {
	for _, v := range vals {
		if s.has(v) {
			return true
		}
	}
	return false
}

// normID makes display IDs (ACC-1, devu-2) match case-insensitively while
// leaving DON IDs, which are case-sensitive, alone.
func normID(s string) string {
	if strings.HasPrefix(s, "don:") {
		return s
	}
	return strings.ToUpper(s)
}

func normAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, v := range ids {
		out[i] = normID(v)
	}
	return out
}

// checkEnum rejects the first value that is not allowed.
func checkEnum(field string, vals, allowed []string) *apiError {
	for _, v := range vals {
		if !slices.Contains(allowed, v) {
			return errInvalidEnum(field, v, allowed)
		}
	}
	return nil
}

// dateTimeFilter is DevRev's `date-time-filter`: both ends inclusive.
type dateTimeFilter struct {
	After  *string `json:"after"`
	Before *string `json:"before"`
}

// bounds validates the filter named field and returns its inclusive range
// in Unix nanoseconds; ok is false for a nil filter (no filter).
func (f *dateTimeFilter) bounds(field string) (lo, hi int64, ok bool, e *apiError) {
	if f == nil {
		return 0, 0, false, nil
	}
	lo, hi = math.MinInt64+1, math.MaxInt64 // absent (MinInt64) never matches
	for _, end := range []struct {
		name string
		v    *string
		dst  *int64
	}{{"after", f.After, &lo}, {"before", f.Before, &hi}} {
		if end.v == nil {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, *end.v)
		if err != nil {
			return 0, 0, false, errInvalidField(field+"."+end.name,
				field+"."+end.name+" must be an RFC 3339 timestamp such as 2023-01-01T12:00:00.000Z, got "+strconv.Quote(*end.v))
		}
		*end.dst = t.UnixNano()
	}
	return lo, hi, true, nil
}

// predicates collects row tests; all() is nil when there are none (every
// row matches, which the table pages in O(1)).
type predicates []func(int) bool

func (ps *predicates) add(p func(int) bool) { *ps = append(*ps, p) }

// addSet adds "one of the row's values is in s" unless s is nil; rows
// holds the values of every row.
func (ps *predicates) addSet(s set, rows [][]string) {
	if s != nil {
		ps.add(func(i int) bool { return s.hasAny(rows[i]) })
	}
}

// addDate adds "the row's instant lies within f" unless f is nil.
func (ps *predicates) addDate(field string, f *dateTimeFilter, keys []int64) *apiError {
	lo, hi, ok, e := f.bounds(field)
	if ok {
		ps.add(func(i int) bool { return keys[i] >= lo && keys[i] <= hi })
	}
	return e
}

func (ps predicates) all() func(int) bool {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	return func(i int) bool {
		for _, p := range ps {
			if !p(i) {
				return false
			}
		}
		return true
	}
}

// cappedCount is the body of a count that DevRev caps (works.count,
// groups.members.count: `{count, has_more}`): above cap (when cap > 0) it
// answers cap, with has_more true.
func cappedCount(n, cap int) []byte {
	more := cap > 0 && n > cap
	if more {
		n = cap
	}
	return []byte(`{"count":` + strconv.Itoa(n) + `,"has_more":` + strconv.FormatBool(more) + `}`)
}
