package devrev

import (
	"context"
	"fmt"
	"iter"
	"sync/atomic"
)

// List modes (the spec's `list-mode`).
const (
	ModeAfter  = "after"
	ModeBefore = "before"
)

// MaxPageSize is the largest `limit` one list request may ask for. The spec
// does not say; DevRev's list endpoints cap at 100.
const MaxPageSize = 100

// MaxEmptyPages is how many empty pages in a row a read follows before it
// gives up. An empty page that carries a cursor is not the end (a server may
// scan past rows a filter drops and hand back a fresh cursor), so a few are
// followed; a server that sends nothing but empty pages with fresh cursors
// would otherwise keep a read going forever, even one with a limit.
const MaxEmptyPages = 10

// ListOptions shape a paged read.
type ListOptions struct {
	// PageSize is the `limit` of each request, MaxPageSize when 0.
	PageSize int
	// Limit is the most objects to read in total; 0 reads all of them.
	// The last request asks only for what Limit still needs, so the page
	// ends exactly at Limit and its cursor is exact.
	Limit int
}

// pages returns an iterator over the pages of one list endpoint, in the
// order they are requested. It follows next_cursor in mode "after" and
// prev_cursor in mode "before" until a response has none (a short or empty
// page is not the end), or until opts.Limit objects have been read. It
// yields an error and stops when DevRev hands back a cursor this read has
// already followed (a loop) or sends MaxEmptyPages empty pages in a row.
//
// Pages in mode "before" come newest first (each page itself in sort
// order); collectWindow puts them back together. Each range starts again from
// the caller's cursor.
func pages[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions) iter.Seq2[*page[T], error] {
	return func(yield func(*page[T], error) bool) {
		req := req // a copy per range: the engine writes its cursor and limit
		pg := ep.paging(&req)
		pageSize := pageSizeOf(opts)
		backwards := *pg.mode == ModeBefore
		gathered := tallyFrom(ctx)
		seen := map[string]struct{}{}
		if *pg.cursor != "" {
			seen[*pg.cursor] = struct{}{}
		}
		read, empty := 0, 0
		for n := 1; ; n++ {
			*pg.limit = pageSize
			if opts.Limit > 0 {
				*pg.limit = min(pageSize, opts.Limit-read)
			}
			p, size, err := ep.fetch(ctx, c, &req)
			if err == nil {
				err = gathered.add(size, len(p.Items), ep.plural())
			}
			if err != nil {
				yield(nil, fmt.Errorf("reading page %d of %s: %w", n, ep.plural(), err))
				return
			}
			read += len(p.Items)
			if !yield(p, nil) {
				return
			}
			next := p.NextCursor
			if backwards {
				next = p.PrevCursor
			}
			if next == nil || (opts.Limit > 0 && read >= opts.Limit) {
				return
			}
			if empty = empty + 1; len(p.Items) > 0 {
				empty = 0
			}
			if empty >= MaxEmptyPages {
				yield(nil, &EmptyPagesError{What: ep.plural(), Pages: empty, LastPage: n})
				return
			}
			if _, loop := seen[*next]; loop {
				yield(nil, &CursorLoopError{Cursor: *next, Page: n})
				return
			}
			seen[*next] = struct{}{}
			*pg.cursor = *next
		}
	}
}

// CursorLoopError says that DevRev handed back a cursor that the same read
// had already followed.
type CursorLoopError struct {
	Cursor string
	Page   int
}

func (e *CursorLoopError) Error() string {
	c := e.Cursor
	if r := []rune(c); len(r) > 40 {
		c = string(r[:40]) + "…"
	}
	return fmt.Sprintf("DevRev returned cursor %q on page %d, which this read already followed: the API is repeating itself, so the read stopped instead of looping forever; try again later or narrow the filters", c, e.Page)
}

// EmptyPagesError says that DevRev kept answering with empty pages that
// each pointed further on.
type EmptyPagesError struct {
	What     string // "engagements"
	Pages    int    // empty pages in a row
	LastPage int    // the number of the last one
}

func (e *EmptyPagesError) Error() string {
	return fmt.Sprintf("DevRev returned %d empty pages of %s in a row (pages %d to %d), each with a cursor to read on: "+
		"the read stopped there rather than follow empty pages without end; try again later, or narrow the filters so that fewer requests find nothing",
		e.Pages, e.What, e.LastPage-e.Pages+1, e.LastPage)
}

// The bounds of one read. A read gathers every page before the state is
// written, and the CLI holds that state several times over (it encodes it
// as JSON, and decodes it again for the first expression that uses it): at
// 10,000 engagements with their summaries the CLI holds about 15 bytes for
// every byte of DevRev's answers (the large-reads guide). A broken or hostile
// server could otherwise make one plan exhaust the machine, with a page of
// millions of tiny items or with pages that never end. So a read stops with
// an error once what it has gathered, across all its pages (and all the
// parts of a partitioned read), passes either bound: twice the largest read
// the benchmarks make (50,000 engagements), which keeps the CLI within a
// few GiB.
const (
	// MaxReadItems is the most objects one read gathers.
	MaxReadItems = 100_000
	// MaxReadBytes is the most bytes of answers one read gathers.
	MaxReadBytes = 256 << 20
)

// ReadTooLargeError says a read passed MaxReadItems or MaxReadBytes.
type ReadTooLargeError struct {
	What  string // "engagements"
	Items int64  // gathered so far
	Bytes int64
}

func (e *ReadTooLargeError) Error() string {
	return fmt.Sprintf("the read stopped after gathering %d %s in %d MiB of answers, past the provider's bound for one read "+
		"(%d objects or %d MiB): its state would put the CLI's memory at risk; narrow the filters, or read in windows "+
		"with limit and cursor", e.Items, e.What, e.Bytes>>20, MaxReadItems, MaxReadBytes>>20)
}

// tally counts what one read has gathered. The read puts one in its
// context (withTally), so that every chain of a partitioned read counts
// against the same bounds.
type tally struct {
	items, bytes atomic.Int64
	maxItems     int64
	maxBytes     int64
}

type tallyKey struct{}

// withTally gives ctx a tally of its own, unless it has one: the parts of a
// partitioned read share their read's.
func withTally(ctx context.Context) context.Context {
	if ctx.Value(tallyKey{}) != nil {
		return ctx
	}
	return context.WithValue(ctx, tallyKey{}, newTally())
}

func tallyFrom(ctx context.Context) *tally {
	if t, ok := ctx.Value(tallyKey{}).(*tally); ok {
		return t
	}
	return newTally()
}

func newTally() *tally { return &tally{maxItems: MaxReadItems, maxBytes: MaxReadBytes} }

// add counts one page and fails once the read is past a bound.
func (t *tally) add(bytes, items int, what string) error {
	b, n := t.bytes.Add(int64(bytes)), t.items.Add(int64(items))
	if n > t.maxItems || b > t.maxBytes {
		return &ReadTooLargeError{What: what, Items: n, Bytes: b}
	}
	return nil
}
