package devrev

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Partitioned reads.
//
// A cursor chain is strictly sequential: a whole read waits for one round
// trip per page, one after another. When the order of a read is fully
// defined by sort_by, the same list can be read as one chain per engagement
// type, all at once, and merged by the sort keys (partition_order.go):
// about as many requests, a fraction of the time (tools/performance.md,
// "Partitioned reads").
//
// ListEngagements reads in partitions only when that gives exactly what one
// chain gives:
//
//   - sort_by is set and names only created_date and modified_date, so the
//     merge can reproduce the order;
//   - there is no date range: one chain sorted by the date stops at the
//     range's end, where each part would be read whole;
//   - there is no cursor: a cursor belongs to one chain and cannot be split;
//   - limit is unset, i.e. the read is whole, and its cursors are null
//     whichever way it is read. A limit is not served: the window must end
//     with a next_cursor (or, reading backward, a prev_cursor) that
//     continues the ONE chain exactly there, and DevRev's cursors are
//     opaque, so no cursor of a part, nor any combination of them, is that
//     cursor. A merge fetching each part's next page only when it needs it
//     would get the engagements right but not the cursor, and the cursor is
//     what a limited read is for.
//   - mode "before" is served like "after": without a cursor and a limit
//     both read the whole list, in sort order, with null cursors. Each part
//     is read in the requested mode.
//   - there are at least two parts: the engagement types of the spec's enum
//     when the type filter is unset, or the filter's values when it has two
//     or more (one value leaves nothing to split).
//   - the client may send more than one request at a time;
//   - the read is large: one chain would take at least minPagesPerPart
//     pages per part. Every read starts as the chain does, with its first
//     page, and asks engagements.count how many match at the same time; a
//     smaller read goes on as the chain from its second page. A read that
//     could be partitioned thus costs one request more than its chain (the
//     count, sent alongside the first page, so no round trip more), and a
//     partitioned read the parts, the count and that first page. Asking
//     for the count only once the first page said more follows would spare
//     a read of one page that request, but cost every large read a round
//     trip before its parts can start.
//
// DevRev adds engagement types over time, and a type the provider does not
// know would be in no part. So the read proves it missed nothing: the
// parts must hold exactly as many engagements as engagements.count said for
// the same filters. It proves the order too (partition_order.go): every
// sort key present and a timestamp, no tie between parts, each part in
// sort_by order, and the merge in the order of a server that compares the
// dates as strings too, unless a part shows that DevRev does not. And an id must not come back in two parts or in the part
// of another type.
//
// Nothing a chain would not send can fail the read: when any of that does
// not hold, or the count or any part fails in any way (an error status, an
// answer that is not what the API describes, a timeout), the read goes on
// as the chain from its second page, the first one being the chain's own,
// and logs why at warn level. A count that does not answer within
// countGrace of the first page is not waited for. A mismatch thus costs the
// parts on top of the chain, at most about one chain's worth of requests
// more. Only the end of the read's own context (Ctrl-C) ends it instead.

// listEngagementsChain reads one cursor chain into one window; with a date
// range, sorted by the date, up to the range's cutoff (dateOrder).
func (c *Client) listEngagementsChain(ctx context.Context, req ListEngagementsRequest, opts ListOptions) (*Window[Engagement], error) {
	if !req.hasDateRange() {
		return listWindow(ctx, c, engagements, req, opts)
	}
	order := req.dateOrder()
	return listInDateRanges(ctx, c, engagements, req, opts, req.dateRanges, order)
}

// Only engagements are partitioned. The proof that nothing was missed
// needs a count of the same filters in one request, and DevRev has
// engagements.count but no accounts.count or dev-users.count. Accounts
// could be split by tier or subtype, but those are free text, so the values
// to split by would have to be read first; dev users could be split by
// state (an enum), but a state DevRev adds later would go missing without a
// count to notice it.

// partitionPlan is how a read is split.
type partitionPlan struct {
	types []string // one part per value, each read with type = [value]
	order sortOrder
	// bothEnds reads each part from both ends (partition_part.go): when the
	// client may send more requests at once than one per part and the count.
	bothEnds bool
}

// planPartitions decides whether a read can be partitioned; when it cannot,
// it says why.
func planPartitions(req ListEngagementsRequest, opts ListOptions, maxInFlight int) (*partitionPlan, string) {
	order, err := parseSortOrder(req.SortBy)
	switch {
	case req.MatchesNothing():
		return nil, "the filter matches nothing"
	case req.hasDateRange():
		// The parts would each be read whole and filtered: more requests
		// than the one chain, which stops at the range's cutoff.
		return nil, "a date range is read as one chain sorted by the date, up to the range's end"
	case err != nil:
		return nil, err.Error()
	case req.Cursor != "":
		return nil, "a cursor continues one cursor chain"
	case opts.Limit > 0:
		return nil, "limit is set, and only one chain yields the cursor that continues a limited read"
	case maxInFlight == 1:
		return nil, "the client sends one request at a time"
	}
	types := EngagementTypes
	if req.Type != nil {
		types = slices.Compact(slices.Sorted(slices.Values(req.Type)))
	}
	if len(types) < 2 {
		return nil, "the type filter has a single value, which leaves nothing to split"
	}
	bothEnds := maxInFlight > len(types)+1
	return &partitionPlan{types: types, order: order, bothEnds: bothEnds}, ""
}

// minPagesPerPart: a read is partitioned only when one chain would take at
// least this many pages per part. Each part ends on a partly filled page,
// reading it from both ends takes up to two pages more than its chain
// (partition_part.go), and the first page and the count come on top: about
// two pages per part more than the one chain, at most three. At four pages per part that
// is up to about half as many requests again (1,000 engagements in pages of
// 25: 56 requests instead of 40), at 10,000 engagements in pages of 100
// about a tenth; below, the extra requests would cost more of a shared rate
// limit than the time saved is worth.
const minPagesPerPart = 4

// countGrace is how long a read that could be partitioned waits for the
// count once its first page is in, at the least: the count was sent with
// the first page, and normally answers with it. A count that takes longer
// (an overloaded or hanging endpoint) is not waited for: the read goes on
// as one chain.
func countGrace(firstPage time.Duration) time.Duration { return max(time.Second, 2*firstPage) }

// listPartitioned reads req in partitions when planPartitions allows it,
// the read is large enough, and the result provably equals one chain. It
// starts as the chain would, with its first page, and counts the matches
// meanwhile (one request); when more follows the first page it either reads
// on as one chain from the second page or reads the parts, and falls back
// to the chain, from its second page, whenever the parts cannot be used. ok
// is false when the caller must read one chain itself; err is set only for
// failures of the chain itself (or the end of ctx).
func (c *Client) listPartitioned(ctx context.Context, req ListEngagementsRequest, opts ListOptions, maxInFlight int) (w *Window[Engagement], ok bool, err error) {
	plan, why := planPartitions(req, opts, maxInFlight)
	if plan == nil {
		if len(req.SortBy) > 0 {
			tflog.Debug(ctx, "Reading DevRev engagements as one cursor chain", map[string]any{"reason": why})
		}
		return nil, false, nil
	}

	var (
		count    int64
		countErr error
		counted  = make(chan struct{})
	)
	countCtx, cancelCount := context.WithCancel(ctx)
	go func() {
		defer close(counted)
		count, countErr = c.CountEngagements(countCtx, req.EngagementFilter)
	}()
	defer func() { cancelCount(); <-counted }() // a read of one page does not wait for the count

	started := time.Now()
	next, stop := iter.Pull2(pages(ctx, c, engagements, req, opts, oneAtATime, nil))
	defer stop()
	first, err, _ := next()
	if err != nil {
		return nil, true, err
	}
	// chain reads on as one chain, from the first page on: the first page
	// is never read twice.
	chain := func() (*Window[Engagement], bool, error) {
		w, err := collectWindow(engagements, req, opts, func(yield func(*page[Engagement], error) bool) {
			if !yield(first, nil) {
				return
			}
			for {
				p, err, more := next()
				if !more || !yield(p, err) || err != nil {
					return
				}
			}
		})
		return w, true, err
	}
	onward := first.NextCursor
	if req.Mode == ModeBefore {
		onward = first.PrevCursor
	}
	if onward == nil {
		return chain()
	}
	wait := countGrace(time.Since(started))
	grace := time.NewTimer(wait)
	defer grace.Stop()
	var countFailed error // not countErr: the count's goroutine may still write that one
	select {
	case <-counted:
		countFailed = countErr
	case <-grace.C:
		countFailed = fmt.Errorf("engagements.count did not answer within %s of the first page", humanDuration(wait))
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
	if countFailed != nil {
		c.logFallback(ctx, fmt.Sprintf("the count failed: %v", countFailed))
		return chain()
	}
	if pageSize := pageSizeOf(opts); count < int64(minPagesPerPart*len(plan.types)*pageSize) {
		tflog.Debug(ctx, "Reading DevRev engagements as one cursor chain", map[string]any{
			"reason": fmt.Sprintf("%d engagements are fewer than %d pages of %d per part", count, minPagesPerPart, pageSize)})
		return chain()
	}

	tflog.Debug(ctx, "Reading DevRev engagements in partitions by type", map[string]any{
		"parts": len(plan.types), "types": strings.Join(plan.types, ","), "sort_by": strings.Join(req.SortBy, ","),
		"engagements": count, "both_ends": plan.bothEnds,
	})
	w, err = c.readPartitions(ctx, req, opts, plan, count)
	if err != nil {
		if ctx.Err() != nil {
			return nil, true, ctx.Err()
		}
		// A read past the provider's bounds would pass them again as one
		// chain, after reading as much a second time.
		if tooLarge := (*ReadTooLargeError)(nil); errors.As(err, &tooLarge) {
			return nil, true, err
		}
		c.logFallback(ctx, err.Error())
		return chain()
	}
	w.Pages++ // the chain's first page
	tflog.Debug(ctx, "Read DevRev engagements in partitions", map[string]any{
		"engagements": len(w.Items), "pages": w.Pages, "parts": len(plan.types),
	})
	return w, true, nil
}

// logFallback says, at warn level, why a read that was to be partitioned
// goes on as one chain.
func (c *Client) logFallback(ctx context.Context, why string) {
	tflog.Warn(ctx, "Partitioned read of DevRev engagements not used; reading one cursor chain instead", map[string]any{
		"reason": c.redact.String(why),
	})
}

// pageSizeOf is the page size pages asks for.
func pageSizeOf(opts ListOptions) int {
	if opts.PageSize <= 0 || opts.PageSize > MaxPageSize {
		return MaxPageSize
	}
	return opts.PageSize
}

// readPartitions reads every part at once, checks them against count and
// merges them.
func (c *Client) readPartitions(ctx context.Context, req ListEngagementsRequest, opts ListOptions, plan *partitionPlan, count int64) (_ *Window[Engagement], err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The parts count on a tally of their own: should they be set aside,
	// what they held is given back before the chain reads, and otherwise
	// it becomes the read's.
	read := tallyFrom(ctx)
	if read == nil { // not within a read: this one is the read
		read = newTally(c.held)
		defer read.release()
	}
	partsTally := read.sub()
	defer func() {
		if err != nil {
			partsTally.release()
		} else {
			read.adopt(partsTally)
		}
	}()
	ctx = context.WithValue(ctx, tallyKey{}, partsTally)

	parts := make([]*partResult, len(plan.types))
	var (
		mu       sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
			cancel() // the other parts are wasted work now
		}
	}
	// One goroutine per part, not a pool: the client's cap on requests in
	// flight interleaves the parts request by request, so no part waits for
	// another to finish (which would add a whole part's time at the end).
	var wg sync.WaitGroup
	for i, typ := range plan.types {
		wg.Go(func() {
			partReq := req
			partReq.Type = []string{typ}
			w, err := c.readPart(ctx, partReq, opts, plan.bothEnds)
			if err != nil {
				fail(fmt.Errorf("the part type=%s failed: %w", typ, err))
				return
			}
			parts[i] = w
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}

	items := make([][]Engagement, len(parts))
	total, pages := 0, 0
	var warnings []string
	seen := map[string]string{}
	for i, p := range parts {
		typ := plan.types[i]
		for _, e := range p.items {
			if e.EngagementType != nil && *e.EngagementType != typ {
				return nil, fmt.Errorf("the part type=%s holds an engagement of type %q", typ, *e.EngagementType)
			}
			if e.ID == nil {
				continue
			}
			if other, dup := seen[*e.ID]; dup {
				return nil, fmt.Errorf("engagement %q came back in the parts type=%s and type=%s", *e.ID, other, typ)
			}
			seen[*e.ID] = typ
		}
		items[i] = p.items
		total += len(p.items)
		pages += p.pages
		for _, warning := range p.warnings {
			warnings = append(warnings, fmt.Sprintf("In the part of the read with type = [%q]: %s", typ, warning))
		}
	}
	if int64(total) != count {
		return nil, fmt.Errorf("the parts hold %d engagements but engagements.count says %d (engagements of a type outside %s?)",
			total, count, strings.Join(plan.types, ","))
	}
	merged, err := plan.order.mergeSorted(items)
	if err != nil {
		return nil, err
	}
	return &Window[Engagement]{Items: merged, Pages: pages, Warnings: warnings}, nil
}
