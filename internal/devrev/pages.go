package devrev

import (
	"context"
	"errors"
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

// MaxShortPages is how many short pages one read follows: pages that hold
// fewer than half of the items asked for and yet carry a cursor to read
// on. A few are normal (a server may cut a page short where a filter drops
// rows); a server that hands out one item per page with fresh cursors
// would otherwise be followed for a request per item, up to MaxReadItems
// requests. Full pages are bounded by MaxReadItems, so a read sends at most
// MaxReadItems/page_size + MaxShortPages + 1 requests.
const MaxShortPages = 100

// ListOptions shape a paged read.
type ListOptions struct {
	// PageSize is the `limit` of each request, MaxPageSize when 0.
	PageSize int
	// Limit is the most objects to read in total; 0 reads all of them.
	// The last request asks only for what Limit still needs, so the page
	// ends exactly at Limit and its cursor is exact.
	Limit int
}

// pageSizeOf is the page size pages asks for.
func pageSizeOf(opts ListOptions) int {
	if opts.PageSize <= 0 || opts.PageSize > MaxPageSize {
		return MaxPageSize
	}
	return opts.PageSize
}

// sieve filters one decoded page in place, keeping the items a read wants
// in their order, and reports whether no later page of the read can hold
// one (past). backwards says the read goes in mode "before". An error
// ends the read.
type sieve[T any] func(p *page[T], backwards bool) (past bool, err error)

// pages returns an iterator over the pages of one list endpoint, in the
// order they are requested. It follows next_cursor in mode "after" and
// prev_cursor in mode "before" until a response has none (a short or empty
// page is not the end), or until opts.Limit objects have been read. It
// yields an error and stops when DevRev hands back a cursor this read has
// already followed (a loop), sends MaxEmptyPages empty pages in a row or
// MaxShortPages short ones in all.
//
// Pages in mode "before" come newest first (each page itself in sort
// order); collectWindow puts them back together. Each range starts again from
// the caller's cursor.
//
// With decodeWhileAsking, a page is decoded while the next one is asked
// for: the loop reads only an answer's head (its cursors and how many items
// it holds, readPageHead) before it sends the next request, and the page's
// items decode meanwhile on another goroutine. Decoding is most of a
// read's work, so on a whole read the requests and the decoding overlap
// instead of taking turns. The pages are still yielded in order, and
// nothing past a page that fails to decode is yielded: its error ends the
// read at once, cancelling the request already sent for the next page (and
// its retries and waits). The cost is at most one request sent before that
// error is known, and only for an answer whose head is well-formed; any
// other answer is decoded before anything more is asked. A reader that may
// stop before the end (a part of a partitioned read pulls pages one at a
// time) asks for oneAtATime instead: each request there waits until the
// reader wants its page.
//
// With a sieve (keep, not nil), opts.Limit counts the items the sieve keeps,
// not the items read: each page is decoded and sifted before the next is
// asked for, and asks for at most as many items as the limit still needs.
// A page thus never holds more kept items than the window still needs, so
// when the limit is reached the last page's cursor continues just after its
// last kept item and nothing is lost. The bounds on empty and short pages
// and on the items of a read count what DevRev sent, kept or not. When the
// sieve says no later page can hold an item it keeps, the read ends there,
// and that page's cursor onward is dropped (nothing more lies that way).
func pages[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions, ahead readAhead, keep sieve[T]) iter.Seq2[*page[T], error] {
	return func(yield func(*page[T], error) bool) {
		req := req // a copy per range: the engine writes its cursor and limit
		pg := ep.paging(&req)
		pageSize := pageSizeOf(opts)
		backwards := *pg.mode == ModeBefore
		gathered := tallyFrom(ctx)
		if gathered == nil { // a read of its own: what it holds is given back when it ends
			var read *Read
			ctx, read = c.StartRead(ctx)
			defer read.End()
			gathered = tallyFrom(ctx)
		}
		// A page that fails to decode cancels what this read has in
		// flight: its error is known, and nothing after it will be used.
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		seen := map[string]struct{}{}
		if *pg.cursor != "" {
			seen[*pg.cursor] = struct{}{}
		}
		pageErr := func(n int, err error) error {
			if tooLarge := (*ReadTooLargeError)(nil); errors.As(err, &tooLarge) && tooLarge.What == "" {
				tooLarge.What = ep.plural()
			}
			return fmt.Errorf("reading page %d of %s: %w", n, ep.plural(), err)
		}
		// pending is the page before this one, decoding; flush waits for
		// it and yields it, or its error.
		var pending <-chan decoded[T]
		flush := func() bool {
			if pending == nil {
				return true
			}
			d := <-pending
			pending = nil
			if d.err != nil {
				yield(nil, pageErr(d.n, d.err))
				return false
			}
			return yield(d.page, nil)
		}
		// fail ends the read at page n: the pages before it first.
		fail := func(n int, err error) {
			if flush() {
				yield(nil, pageErr(n, err))
			}
		}
		read, empty, short := 0, 0, 0 // read: items counted towards opts.Limit
		for n := 1; ; n++ {
			*pg.limit = pageSize
			if opts.Limit > 0 {
				*pg.limit = min(pageSize, opts.Limit-read)
			}
			a, err := c.post(ctx, ep.list, &req)
			if err != nil {
				fail(n, err)
				return
			}
			var head pageHead
			counted := -1 // the page's items the limit counts, once known
			ok, past := false, false
			if ahead == decodeWhileAsking && keep == nil {
				head, ok = readPageHead(a.body, ep.items)
			}
			next := make(chan decoded[T], 1)
			if ok {
				go func() {
					p, err := ep.decodePage(a)
					a.release()
					if err != nil {
						cancel()
					}
					next <- decoded[T]{n: n, page: p, err: err}
				}()
			} else {
				p, err := ep.decodePage(a)
				a.release()
				if err != nil {
					fail(n, err)
					return
				}
				head = pageHead{items: len(p.Items), next: p.NextCursor, prev: p.PrevCursor}
				if keep != nil {
					if past, err = keep(p, backwards); err != nil {
						fail(n, err)
						return
					}
					if past && backwards {
						p.PrevCursor = nil
					} else if past {
						p.NextCursor = nil
					}
				}
				next <- decoded[T]{n: n, page: p}
				counted = len(p.Items)
			}
			if err := gathered.addItems(head.items); err != nil {
				fail(n, err) // past a bound: this page is not used
				return
			}
			if !flush() {
				return
			}
			pending = next
			if !ok && !flush() { // decoded already: the reader has it before anything more is asked
				return
			}
			if counted < 0 {
				counted = head.items
			}
			read += counted
			cursor := head.next
			if backwards {
				cursor = head.prev
			}
			if cursor == nil || past || (opts.Limit > 0 && read >= opts.Limit) {
				flush()
				return
			}
			if empty = empty + 1; head.items > 0 {
				empty = 0
			}
			if empty >= MaxEmptyPages {
				if flush() {
					yield(nil, &EmptyPagesError{What: ep.plural(), Pages: empty, LastPage: n})
				}
				return
			}
			if head.items < (*pg.limit+1)/2 {
				short++
			}
			if short > MaxShortPages {
				if flush() {
					yield(nil, &ShortPagesError{What: ep.plural(), Pages: short, Asked: pageSize, LastPage: n})
				}
				return
			}
			if _, loop := seen[*cursor]; loop {
				if flush() {
					yield(nil, &CursorLoopError{Cursor: *cursor, Page: n})
				}
				return
			}
			seen[*cursor] = struct{}{}
			*pg.cursor = *cursor
		}
	}
}

// readAhead says whether pages asks for the next page before the reader
// has this one.
type readAhead bool

const (
	oneAtATime        readAhead = false
	decodeWhileAsking readAhead = true
)

func (r readAhead) String() string {
	if r == decodeWhileAsking {
		return "decodeWhileAsking"
	}
	return "oneAtATime"
}

// decoded is a page off the decoding goroutine, or why it could not be
// used; n is its number in the read, for the message.
type decoded[T any] struct {
	n    int
	page *page[T]
	err  error
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

// ShortPagesError says that DevRev kept answering with pages that held
// few of the items asked for, each pointing further on.
type ShortPagesError struct {
	What     string // "engagements"
	Pages    int    // short pages in this read
	Asked    int    // the page size asked for
	LastPage int    // the number of the last one
}

func (e *ShortPagesError) Error() string {
	return fmt.Sprintf("DevRev returned %d pages of %s that each held fewer than half of the %d asked for, each with a cursor to read on "+
		"(the last was page %d): the read stopped there rather than send a request for every few %s (at most %d such pages per read); "+
		"try again later, or narrow the filters so that fewer requests find little",
		e.Pages, e.What, e.Asked, e.LastPage, e.What, MaxShortPages)
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
