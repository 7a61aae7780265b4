package devrev

import (
	"context"
	"fmt"
	"iter"
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
			p, err := ep.fetch(ctx, c, &req)
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
