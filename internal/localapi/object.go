package localapi

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/openapi"
)

// An object is the declaration of one kind of object the server serves:
// its endpoints, its sortable columns, its filters by the spec's dotted
// request path, and where its data comes from. It is the only place a kind
// is described: the routes, the request decoding, Server.Lists, the
// generic Options and accessors and the spec test all read it (objects.go
// lists every one).
type object[T any] struct {
	// list is the list endpoint ("/works.list"); get and count are the
	// others where DevRev has them.
	list, get, count string
	// key names a list response's array ("works"), one a get response's
	// object ("work"; with "_" as a space, the noun of a 404).
	key, one string
	// cappedCount makes count answer {count, has_more}, capped by
	// Options.CountCaps, as DevRev's counts of works and group members do.
	cappedCount bool

	id, displayID func(*T) string
	// columns are the sortable fields, the first created_date.
	columns []column[T]
	filters []filter[T]
	// clone copies an item's slices (nil: items hold none).
	clone func(T) T
	// render renders the sorted items (nil: encoding/json, one by one).
	render func(rows []T, sd *seeds) [][]byte

	// seed generates n items (n from defaultCount and Options.Counts),
	// asking sd for the kinds they refer to. A derived kind (derived)
	// is made from the others after SeedDate has moved their dates, has
	// no count, and moves with them.
	seed         func(sd *seeds, n int) []T
	defaultCount func(sd *seeds) int
	derived      bool
}

// filterKind says how a filter reads a request and matches an item.
type filterKind int

const (
	kindExact  filterKind = iota // a set of strings, compared exactly
	kindFold                     // a set of strings compared without case (domains, emails)
	kindIDs                      // a set of ids: a DON id, or a display id in any case
	kindRefs                     // a set of ids of objects the server knows (references): any id of one matches
	kindEnum                     // a set of the values the spec enumerates; others are refused
	kindInts                     // a set of integers
	kindFlag                     // a boolean; an item without the flag matches neither value
	kindDates                    // DevRev's date-time-filter {after, before}, both inclusive
	kindRanges                   // DevRev's date-filter: {type: "range", after, before}; a preset is refused
	kindCustom                   // read by its own function
)

var kindNames = map[filterKind]string{
	kindExact: "set", kindFold: "set without case", kindIDs: "ids", kindRefs: "ids", kindEnum: "enum",
	kindInts: "integers", kindFlag: "bool", kindDates: "{after,before}", kindRanges: "{type:range,after,before}",
}

// A filter is one filter of a list (and of its count).
type filter[T any] struct {
	path   string // dotted, as in the spec's request ("ticket.severity")
	kind   filterKind
	values func(*T) []string // the sets: the item's values
	flag   func(*T) *bool    // kindFlag
	// ignorable date filters are checked but not applied by lists named
	// in Options.IgnoreDateFilters.
	ignorable bool
	// custom filters name the request paths they read and compile
	// themselves.
	paths   []string
	compile func(b *built[T], r *request) (func(int) bool, *apiError)
}

// The constructors of the filter kinds (filterKind); values returns an
// item's values of a set, as they are (the kind normalises them).

func exact[T any](path string, v func(*T) []string) filter[T] {
	return filter[T]{path: path, kind: kindExact, values: v}
}
func fold[T any](path string, v func(*T) []string) filter[T] {
	return filter[T]{path: path, kind: kindFold, values: v}
}
func anyID[T any](path string, v func(*T) []string) filter[T] {
	return filter[T]{path: path, kind: kindIDs, values: v}
}
func refs[T any](path string, v func(*T) []string) filter[T] {
	return filter[T]{path: path, kind: kindRefs, values: v}
}
func enum[T any](path string, v func(*T) []string) filter[T] {
	return filter[T]{path: path, kind: kindEnum, values: v}
}
func flag[T any](path string, v func(*T) *bool) filter[T] {
	return filter[T]{path: path, kind: kindFlag, flag: v}
}
func dates[T any](path string) filter[T]  { return filter[T]{path: path, kind: kindDates} }
func ranges[T any](path string) filter[T] { return filter[T]{path: path, kind: kindRanges} }

// ints is a set of integers; the item's values are given as integers.
func ints[T any](path string, v func(*T) []int64) filter[T] {
	return filter[T]{path: path, kind: kindInts, values: func(x *T) []string {
		var out []string
		for _, n := range v(x) {
			out = append(out, strconv.FormatInt(n, 10))
		}
		return out
	}}
}

// custom is a filter that reads the request paths it names itself.
func custom[T any](compile func(b *built[T], r *request) (func(int) bool, *apiError), paths ...string) filter[T] {
	return filter[T]{kind: kindCustom, paths: paths, compile: compile}
}

// orIgnored marks a date filter that some organizations' lists check but
// do not apply (../shared/devrev-api/SOURCES.md; Options.IgnoreDateFilters).
func (f filter[T]) orIgnored() filter[T] { f.ignorable = true; return f }

// name is the list's name in Options and Items: its path without the
// slash and ".list" ("works", "dev-users", "groups.members").
func (o *object[T]) name() string {
	return strings.TrimSuffix(strings.TrimPrefix(o.list, "/"), ".list")
}

// declared is an object of any item type, as objects.go registers them (serve).
type declared interface {
	name() string
	generate(sd *seeds)
	isDerived() bool
	build(sd *seeds, s *Server) served
	describe() List
	endpoints() (list, count string)
	specFilters() []specFilter
}

// served is a built object: its table and routes.
type served interface {
	listed() *table
	routes(add func(string, handler))
}

// specFilter is a filter as the spec test checks it.
type specFilter struct {
	path, kind string
	enum       bool
}

func (o *object[T]) isDerived() bool { return o.derived }

func (o *object[T]) endpoints() (string, string) { return o.list, o.count }

func (o *object[T]) specFilters() []specFilter {
	var out []specFilter
	for _, f := range o.filters {
		switch f.kind {
		case kindCustom:
			for _, p := range f.paths {
				out = append(out, specFilter{path: p, kind: "custom"})
			}
		default:
			out = append(out, specFilter{path: f.path, kind: kindNames[f.kind], enum: f.kind == kindEnum})
		}
	}
	return out
}

// describe is the list as Server.Lists shows it.
func (o *object[T]) describe() List {
	l := List{Path: o.list}
	for _, f := range o.filters {
		switch f.kind {
		case kindCustom:
			l.Filters = append(l.Filters, f.paths...)
		case kindDates, kindRanges:
			l.Filters = append(l.Filters, f.path+kindNames[f.kind])
		default:
			l.Filters = append(l.Filters, f.path)
		}
	}
	slices.Sort(l.Filters)
	for _, c := range o.columns {
		l.SortBy = append(l.SortBy, c.name)
	}
	return l
}

// generate puts the kind's items into sd: Options.Data's, or generated.
func (o *object[T]) generate(sd *seeds) {
	name := o.name()
	if _, done := sd.data[name]; done {
		return
	}
	if given, ok := sd.opts.Data[name]; ok {
		items, ok := given.([]T)
		if !ok {
			panic(fmt.Sprintf("localapi: Options.Data[%q] is a %T, not a []%s", name, given, reflect.TypeFor[T]().Name()))
		}
		if items != nil {
			sd.data[name] = items
			return
		}
	}
	if o.derived && !sd.moved {
		panic("localapi: " + name + " is derived from the other kinds; generate it after them")
	}
	if sd.busy[name] {
		panic("localapi: the seed of " + name + " asks for itself")
	}
	sd.busy[name] = true
	n := 0
	if o.defaultCount != nil {
		n = count(sd.opts.Counts[name], o.defaultCount(sd))
	}
	items := o.seed(sd, n)
	delete(sd.busy, name)
	sd.data[name] = items
	if !o.derived {
		sd.generated = append(sd.generated, sd.data[name])
	}
}

// built is an object with its data: the table and the values its filters
// read, per row in the table's order.
type built[T any] struct {
	*table
	o     *object[T]
	srv   *Server
	items []T
	sets  [][][]string        // per filter (by index): each row's values, normalised
	dates [][]int64           // per date filter: each row's instant
	flags [][]int8            // per flag filter: -1 absent, 0 false, 1 true
	enums map[string][]string // enum filters' allowed values, from the spec

	ignoreDates bool
	countCap    int
}

func (o *object[T]) build(sd *seeds, s *Server) served {
	in := of[T](sd, o.name())
	clone := o.clone
	if clone == nil {
		clone = func(x T) T { return x }
	}
	render := renderEach[T]
	if o.render != nil {
		render = func(rows []T) [][]byte { return o.render(rows, sd) }
	}
	b := &built[T]{
		o: o, srv: s, enums: map[string][]string{},
		sets:  make([][][]string, len(o.filters)),
		dates: make([][]int64, len(o.filters)),
		flags: make([][]int8, len(o.filters)),

		ignoreDates: slices.Contains(sd.opts.IgnoreDateFilters, o.name()),
		countCap:    sd.opts.CountCaps[o.name()],
	}
	b.table, b.items = newTable(o.list, in, o.columns, o.id, o.displayID, clone, render)
	for k, f := range o.filters {
		switch f.kind {
		case kindExact, kindEnum, kindInts, kindFold, kindIDs, kindRefs:
			norm := f.norm(sd)
			rows := make([][]string, len(b.items))
			for i := range b.items {
				rows[i] = norm(f.values(&b.items[i]))
			}
			b.sets[k] = rows
			if f.kind == kindEnum {
				b.enums[f.path] = specEnum(o.list, f.path)
			}
		case kindFlag:
			rows := make([]int8, len(b.items))
			for i := range b.items {
				rows[i] = -1
				if v := f.flag(&b.items[i]); v != nil {
					rows[i] = flagValue(*v)
				}
			}
			b.flags[k] = rows
		case kindDates, kindRanges: // the dates of the column of the same name
			keys, ok := b.keys[f.path]
			if !ok {
				panic("localapi: " + o.list + " filters by " + f.path + " but has no such column")
			}
			b.dates[k] = keys
		}
	}
	return b
}

func flagValue(b bool) int8 {
	if b {
		return 1
	}
	return 0
}

// norm normalises the values of a set filter, the item's and the
// request's alike.
func (f *filter[T]) norm(sd *seeds) func([]string) []string {
	switch f.kind {
	case kindFold:
		return lower
	case kindIDs:
		return normAll
	case kindRefs:
		r := sd.references()
		return r.expand
	}
	return func(v []string) []string { return v }
}

// specEnum reads the values the spec allows at a filter's path of a list's
// request. The declarations are checked against the spec by a test, so a
// missing enum is a bug in a declaration.
func specEnum(list, path string) []string {
	spec := openapi.Trimmed()
	schema, ok := spec.RequestSchema(list)
	if !ok {
		panic("localapi: the trimmed spec has no request for " + list)
	}
	vals, err := spec.Enum(schema, path)
	if err != nil {
		panic("localapi: " + err.Error())
	}
	return vals
}

// compile validates a request's filters and turns them into a row
// predicate (nil: every row). Date filters the list ignores (dates false)
// are validated and not applied.
func (b *built[T]) compile(r *request, dates bool) (func(int) bool, *apiError) {
	var ps predicates
	for k := range b.o.filters {
		f := &b.o.filters[k]
		switch f.kind {
		case kindExact, kindEnum, kindInts, kindFold, kindIDs, kindRefs:
			vals, e := r.set(f.path, f.kind == kindInts)
			if e != nil {
				return nil, e
			}
			if f.kind == kindEnum {
				if e := checkEnum(f.path, vals, b.enums[f.path]); e != nil {
					return nil, e
				}
			}
			if len(vals) == 0 {
				continue
			}
			s := make(set, len(vals))
			for _, v := range vals {
				switch f.kind {
				case kindFold:
					v = strings.ToLower(v)
				case kindIDs, kindRefs:
					v = normID(v)
				}
				s[v] = struct{}{}
			}
			ps.addSet(s, b.sets[k])
		case kindFlag:
			want, e := r.flag(f.path)
			if e != nil {
				return nil, e
			}
			if want != nil {
				rows, w := b.flags[k], flagValue(*want)
				ps.add(func(i int) bool { return rows[i] == w })
			}
		case kindDates, kindRanges:
			d, e := r.dates(f.path, f.kind == kindRanges)
			if e != nil {
				return nil, e
			}
			if d == nil {
				continue
			}
			n := len(ps)
			if e := ps.addDate(f.path, d, b.dates[k]); e != nil {
				return nil, e
			}
			if !dates && f.ignorable {
				ps = ps[:n]
			}
		case kindCustom:
			p, e := f.compile(b, r)
			if e != nil {
				return nil, e
			}
			if p != nil {
				ps.add(p)
			}
		}
	}
	return ps.all(), nil
}

func (b *built[T]) listed() *table { return b.table }

// routes serves the object's list and, where it has them, get and count.
func (b *built[T]) routes(add func(string, handler)) {
	o := b.o
	add(o.list, func(r *http.Request, body []byte, pf pageFault) ([]byte, *apiError) {
		req, e := readFilters(r, body)
		if e != nil {
			return nil, e
		}
		p, e := req.params()
		if e != nil {
			return nil, e
		}
		match, e := b.compile(req, !b.ignoreDates)
		if e != nil {
			return nil, e
		}
		q, e := b.query(p, match, pf)
		if e != nil {
			return nil, e
		}
		return b.renderPage(o.key, b.list(q)), nil
	})
	if o.get != "" {
		add(o.get, getHandler(b.table, o.one, strings.ReplaceAll(o.one, "_", " ")))
	}
	if o.count != "" {
		add(o.count, func(r *http.Request, body []byte, _ pageFault) ([]byte, *apiError) {
			req, e := readFilters(r, body)
			if e != nil {
				return nil, e
			}
			match, e := b.compile(req, true)
			if e != nil {
				return nil, e
			}
			if o.cappedCount {
				return cappedCount(b.table.count(match), b.countCap), nil
			}
			return []byte(`{"count":` + strconv.Itoa(b.table.count(match)) + `}`), nil
		})
	}
}

// specValues is specEnum, read once, for the seeds that draw from an enum.
func specValues(list, path string) func() []string {
	return sync.OnceValue(func() []string { return specEnum(list, path) })
}

// The enums the seeds draw from, in the spec's (sorted) order.
var (
	engagementTypes  = specValues("/engagements.list", "type")
	userStates       = specValues("/dev-users.list", "state")
	ticketSeverities = specValues("/works.list", "ticket.severity")
	issuePriorities  = specValues("/works.list", "issue.priority")
)
