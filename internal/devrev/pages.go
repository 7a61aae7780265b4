package devrev

import (
	"context"
	"fmt"
	"iter"
	"slices"
)

// ListOptions shape a paged read.
type ListOptions struct {
	// PageSize is the `limit` of each request, MaxPageSize when 0.
	PageSize int
	// Limit is the most engagements to read in total; 0 reads all of them.
	// The last request asks only for what Limit still needs, so the page
	// ends exactly at Limit and its cursor is exact.
	Limit int
}

// EngagementPages returns an iterator over the pages of engagements.list,
// in the order they are requested. It follows next_cursor in mode "after"
// and prev_cursor in mode "before" until a response has none (a short or
// empty page is not the end), or until opts.Limit engagements have been
// read. A cursor seen before in the same read means the API is going round
// in circles: the iterator yields an error and stops.
//
// Pages in mode "before" come newest first (each page itself in sort
// order); ListEngagements puts them back together.
func (c *Client) EngagementPages(ctx context.Context, req ListEngagementsRequest, opts ListOptions) iter.Seq2[*ListEngagementsResponse, error] {
	return func(yield func(*ListEngagementsResponse, error) bool) {
		req := req // each range starts from the caller's cursor again
		pageSize := opts.PageSize
		if pageSize <= 0 || pageSize > MaxPageSize {
			pageSize = MaxPageSize
		}
		backwards := req.Mode == ModeBefore
		seen := map[string]struct{}{}
		if req.Cursor != "" {
			seen[req.Cursor] = struct{}{}
		}
		read := 0
		for page := 1; ; page++ {
			req.Limit = pageSize
			if opts.Limit > 0 {
				req.Limit = min(pageSize, opts.Limit-read)
			}
			var resp ListEngagementsResponse
			if err := c.post(ctx, "/engagements.list", req, &resp); err != nil {
				yield(nil, fmt.Errorf("reading page %d of engagements: %w", page, err))
				return
			}
			read += len(resp.Engagements)
			if !yield(&resp, nil) {
				return
			}
			next := resp.NextCursor
			if backwards {
				next = resp.PrevCursor
			}
			if next == nil || *next == "" || (opts.Limit > 0 && read >= opts.Limit) {
				return
			}
			if _, loop := seen[*next]; loop {
				yield(nil, &CursorLoopError{Cursor: *next, Page: page})
				return
			}
			seen[*next] = struct{}{}
			req.Cursor = *next
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

// EngagementWindow is one contiguous stretch of the sorted sequence.
type EngagementWindow struct {
	// Engagements in the API's sort order, whichever mode read them.
	Engagements []Engagement
	// NextCursor continues forward (mode "after") just after the last
	// engagement, PrevCursor backward (mode "before") just before the
	// first; nil where nothing lies further that way.
	NextCursor, PrevCursor *string
	// Pages is the number of requests that returned a page.
	Pages int
}

// listEngagementsChain reads every page (up to opts.Limit) into one window,
// following one cursor chain.
func (c *Client) listEngagementsChain(ctx context.Context, req ListEngagementsRequest, opts ListOptions) (*EngagementWindow, error) {
	var pages []*ListEngagementsResponse
	total := 0
	for page, err := range c.EngagementPages(ctx, req, opts) {
		if err != nil {
			return nil, err
		}
		pages = append(pages, page)
		total += len(page.Engagements)
	}
	w := &EngagementWindow{Engagements: make([]Engagement, 0, total), Pages: len(pages)}
	if len(pages) == 0 {
		return w, nil
	}
	first, last := pages[0], pages[len(pages)-1]
	if req.Mode == ModeBefore {
		// Read backwards: the last page requested holds the earliest
		// engagements.
		slices.Reverse(pages)
		w.PrevCursor, w.NextCursor = last.PrevCursor, first.NextCursor
	} else {
		w.PrevCursor, w.NextCursor = first.PrevCursor, last.NextCursor
	}
	for _, p := range pages {
		w.Engagements = append(w.Engagements, p.Engagements...)
	}
	if opts.Limit > 0 && len(w.Engagements) > opts.Limit {
		// The API returned more than asked for. Keep the Limit
		// engagements nearest the cursor; the cursor on the far side
		// no longer matches, so drop it rather than skip data.
		if req.Mode == ModeBefore {
			w.Engagements = w.Engagements[len(w.Engagements)-opts.Limit:]
			w.PrevCursor = nil
		} else {
			w.Engagements = w.Engagements[:opts.Limit]
			w.NextCursor = nil
		}
	}
	return w, nil
}

// GetEngagement reads one engagement by its DON id or display id.
func (c *Client) GetEngagement(ctx context.Context, id string) (*Engagement, error) {
	var resp getEngagementResponse
	if err := c.post(ctx, "/engagements.get", getEngagementRequest{ID: id}, &resp); err != nil {
		return nil, err
	}
	if resp.Engagement == nil {
		return nil, fmt.Errorf("DevRev answered POST /engagements.get for %q without an engagement", id)
	}
	return resp.Engagement, nil
}

// CountEngagements counts the engagements that match filter, in one request.
func (c *Client) CountEngagements(ctx context.Context, filter EngagementFilter) (int64, error) {
	var resp countEngagementsResponse
	if err := c.post(ctx, "/engagements.count", filter, &resp); err != nil {
		return 0, err
	}
	if resp.Count == nil {
		return 0, fmt.Errorf("DevRev answered POST /engagements.count without a count")
	}
	return *resp.Count, nil
}
