package devrev

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// Window is one contiguous stretch of a list endpoint's sorted sequence.
type Window[T any] struct {
	// Items in the API's sort order, whichever mode read them.
	Items []T
	// NextCursor continues forward (mode "after") just after the last item,
	// PrevCursor backward (mode "before") just before the first; nil where
	// nothing lies further that way. Never "": an empty cursor is nil.
	NextCursor, PrevCursor *string
	// Pages is the number of requests that returned a page (0 when the
	// empty-set rule sent none).
	Pages int
	// Warnings are findings that did not stop the read but make its result
	// less than the API promised: more items than asked for (cut), the
	// same id on two pages (the repeat dropped). The provider shows each as
	// a warning diagnostic.
	Warnings []string
}

// listWindow reads every page of one list endpoint (up to opts.Limit) into
// one window. A request whose filter matches nothing (an empty set) gets an
// empty window without a request.
func listWindow[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions) (*Window[T], error) {
	return siftWindow(ctx, c, ep, req, opts, nil)
}

// siftWindow is listWindow keeping only what keep keeps (nil: everything),
// opts.Limit counting what is kept (pages).
func siftWindow[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions, keep sieve[T]) (*Window[T], error) {
	if req.MatchesNothing() {
		return &Window[T]{Items: []T{}}, nil
	}
	// pages starts a read of its own unless ctx is within one already.
	return collectWindow(ep, req, opts, pages(ctx, c, ep, req, opts, decodeWhileAsking, keep))
}

// collectWindow puts the pages of one chain, in the order pages yields
// them, into one window. (partition.go hands it a chain whose first page it
// has already read.)
func collectWindow[R listRequest, T any](ep *endpoint[R, T], req R, opts ListOptions, chain iter.Seq2[*page[T], error]) (*Window[T], error) {
	var got []*page[T]
	total := 0
	for p, err := range chain {
		if err != nil {
			return nil, err
		}
		got = append(got, p)
		total += len(p.Items)
	}
	w := &Window[T]{Items: make([]T, 0, total), Pages: len(got)}
	if len(got) == 0 {
		return w, nil
	}
	first, last := got[0], got[len(got)-1]
	backwards := *ep.paging(&req).mode == ModeBefore
	if backwards {
		// Read backwards: the last page requested holds the earliest items.
		slices.Reverse(got)
		w.PrevCursor, w.NextCursor = last.PrevCursor, first.NextCursor
	} else {
		w.PrevCursor, w.NextCursor = first.PrevCursor, last.NextCursor
	}

	// The same id twice means the data moved under the read (or the server
	// erred); keep the first in sort order so every id is listed once.
	seen := make(map[string]int, total) // id → request number of its page
	var repeats []string
	nRepeats := 0
	for i, p := range got {
		number := i + 1 // the request number of p, for messages
		if backwards {
			number = len(got) - i
		}
		for j := range p.Items {
			if id, _ := ep.ids(&p.Items[j]); id != nil {
				if at, dup := seen[*id]; dup {
					if nRepeats++; len(repeats) < 5 {
						repeats = append(repeats, fmt.Sprintf("%q (pages %d and %d)", *id, min(at, number), max(at, number)))
					}
					continue
				}
				seen[*id] = number
			}
			w.Items = append(w.Items, p.Items[j])
		}
	}
	if nRepeats > 0 {
		more := ""
		if nRepeats > len(repeats) {
			more = fmt.Sprintf(" and %d more", nRepeats-len(repeats))
		}
		w.Warnings = append(w.Warnings, fmt.Sprintf(
			"DevRev returned %d of these %s more than once in one read: %s%s. Each is listed once, where it first appeared; "+
				"a repeat usually means the data changed during the read, so read again for a consistent list",
			nRepeats, ep.plural(), strings.Join(repeats, ", "), more))
	}

	if opts.Limit > 0 && len(w.Items) > opts.Limit {
		// The API returned more than asked for. Keep the Limit items
		// nearest the starting point; the cursor on the far side no longer
		// matches the last item kept, so drop it rather than skip data.
		extra := len(w.Items) - opts.Limit
		dropped := "next_cursor"
		if backwards {
			w.Items = w.Items[extra:]
			w.PrevCursor = nil
			dropped = "prev_cursor"
		} else {
			w.Items = w.Items[:opts.Limit]
			w.NextCursor = nil
		}
		w.Warnings = append(w.Warnings, fmt.Sprintf(
			"DevRev returned %d %s where this read asked for at most %d (its limit): the %d nearest the starting point are kept "+
				"and the other %d dropped, and so is %s, which pointed past them; %s is null although more %s may lie that way",
			opts.Limit+extra, ep.plural(), opts.Limit, opts.Limit, extra, dropped, dropped, ep.plural()))
	}
	return w, nil
}
