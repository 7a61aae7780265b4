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
// defined by sort_by, the same list can be read as one chain per value of
// an enum filter (engagements by type, works by type, meetings by
// channel), all at once, and merged by the sort keys (partition_order.go):
// about as many requests, a fraction of the time (tools/performance.md,
// "Partitioned reads"). An endpoint declares how (partitioning, with
// partitioned); endpoint.read is the one entry point, and a list whose
// endpoint declares no partitioning is always one chain.
//
// A read is partitioned only when that gives exactly what one chain gives:
//
//   - sort_by is set and names only dates the partitioning declares
//     mergeable, so the merge can reproduce the order;
//   - there is no date range the client checks itself (endpoint.dated).
//     Engagements: one chain sorted by the date stops at the range's end,
//     where each part would be read whole. Works and meetings: the proof
//     below needs a count of the same filters, and the count endpoint
//     would count what DevRev's date filters let through, which is not
//     exact for every organization (../shared/devrev-api/SOURCES.md); a
//     count by listing would be the chain itself;
//   - there is no cursor: a cursor belongs to one chain and cannot be split;
//   - limit is unset, i.e. the read is whole, and its cursors are null
//     whichever way it is read. A limit is not served: the window must end
//     with a next_cursor (or, reading backward, a prev_cursor) that
//     continues the ONE chain exactly there, and DevRev's cursors are
//     opaque, so no cursor of a part, nor any combination of them, is that
//     cursor. A merge fetching each part's next page only when it needs it
//     would get the items right but not the cursor, and the cursor is
//     what a limited read is for.
//   - mode "before" is served like "after": without a cursor and a limit
//     both read the whole list, in sort order, with null cursors. Each part
//     is read in the requested mode.
//   - there are at least two parts: the values of the spec's enum when the
//     filter split on is unset, or the filter's values when it has two or
//     more (one value leaves nothing to split).
//   - the client may send more than one request at a time;
//   - the read is large: one chain would take at least minPagesPerPart
//     pages per part. Every read starts as the chain does, with its first
//     page, and asks the endpoint's count how many match at the same time;
//     a smaller read goes on as the chain from its second page. A read that
//     could be partitioned thus costs one request more than its chain (the
//     count, sent alongside the first page, so no round trip more), and a
//     partitioned read the parts, the count and that first page. Asking
//     for the count only once the first page said more follows would spare
//     a read of one page that request, but cost every large read a round
//     trip before its parts can start.
//
// DevRev adds enum values over time, and an item of a value the provider
// does not know would be in no part. So the read proves it missed nothing:
// the parts must hold exactly as many items as the count said for the same
// filters, and a count that says it was capped (has_more) proves nothing.
// It proves the order too (partition_order.go): every sort key present and
// a timestamp, no tie between parts, each part in sort_by order, and the
// merge in the order of a server that compares the dates as strings too,
// unless a part shows that DevRev does not. And an id must not come back
// in two parts or in the part of another value.
//
// Nothing a chain would not send can fail the read: when any of that does
// not hold, or the count or any part fails in any way (an error status, an
// answer that is not what the API describes, a timeout), the read goes on
// as the chain from its second page, the first one being the chain's own,
// and logs why at warn level. A count that does not answer within
// countGrace of the first page is not waited for. A mismatch thus costs the
// parts on top of the chain, at most about one chain's worth of requests
// more. Only the end of the read's own context (Ctrl-C) ends it instead.
//
// Lists without a count cannot prove the parts whole, so they are not
// partitioned: accounts could be split by tier or subtype, but those are
// free text, so the values to split by would have to be read first; dev
// users could be split by state (an enum), but a state DevRev adds later
// would go missing without a count to notice it. Group members have a
// count, but groups.members.list has no enum filter to split on (its one
// filter is the group) and no sort_by to merge by.

// partitioning declares how an endpoint's list can be read in parts: the
// enum filter it splits on and the dates the merge compares. The count
// that proves the parts whole is the endpoint's own (counted).
type partitioning[R, T any] struct {
	filter string             // the filter's JSON name, for messages: "type"
	values []string           // the spec's enum of that filter
	set    func(*R) *[]string // the filter in a request
	value  func(*T) *string   // an item's value of it
	dates  sortDates[T]       // the sort_by fields the merge can compare
}

// partitioned declares ep's partitioning. An endpoint without a count
// panics when the package loads: nothing would prove its parts whole.
func (ep *endpoint[R, T]) partitioned(p partitioning[R, T]) *endpoint[R, T] {
	if ep.counting == nil {
		panic("devrev: " + ep.list + " is partitioned but has no count")
	}
	ep.parts = &p
	return ep
}

// partitionPlan is how a read is split.
type partitionPlan[T any] struct {
	values []string // one part per value, each read with the filter = [value]
	order  sortOrder[T]
	// bothEnds reads each part from both ends (partition_part.go): when the
	// client may send more requests at once than one per part and the count.
	bothEnds bool
}

// planPartitions decides whether a read can be partitioned; when it cannot,
// it says why.
func planPartitions[R listRequest, T any](ep *endpoint[R, T], req R, opts ListOptions, maxInFlight int) (*partitionPlan[T], string) {
	p := ep.parts
	if p == nil {
		return nil, "DevRev has no count of " + ep.plural() + " split by an enum filter"
	}
	pg := ep.paging(&req)
	fields, err := parseSortOrder(*pg.sortBy, p.dates)
	switch {
	case req.MatchesNothing():
		return nil, "the filter matches nothing"
	case ep.hasDateRange(&req):
		// The parts would each be read whole and filtered: more requests
		// than the one chain, which stops at the range's cutoff; and no
		// count of a date range proves the parts whole.
		return nil, "a date range is read as one chain"
	case err != nil:
		return nil, err.Error()
	case *pg.cursor != "":
		return nil, "a cursor continues one cursor chain"
	case opts.Limit > 0:
		return nil, "limit is set, and only one chain yields the cursor that continues a limited read"
	case maxInFlight == 1:
		return nil, "the client sends one request at a time"
	}
	values := p.values
	if set := *p.set(&req); set != nil {
		values = slices.Compact(slices.Sorted(slices.Values(set)))
	}
	if len(values) < 2 {
		return nil, "the " + p.filter + " filter has a single value, which leaves nothing to split"
	}
	bothEnds := maxInFlight > len(values)+1
	order := sortOrder[T]{fields: fields, noun: ep.singular(), id: func(t *T) *string { id, _ := ep.ids(t); return id }}
	return &partitionPlan[T]{values: values, order: order, bothEnds: bothEnds}, ""
}

// minPagesPerPart: a read is partitioned only when one chain would take at
// least this many pages per part. Each part ends on a partly filled page,
// reading it from both ends takes up to two pages more than its chain
// (partition_part.go), and the first page and the count come on top: about
// two pages per part more than the one chain, at most three. At four pages per part that
// is up to about half as many requests again (1,000 items in 9 parts, in pages
// of 25: 56 requests instead of 40), at 10,000 items in pages of 100
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
func listPartitioned[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions, maxInFlight int) (w *Window[T], ok bool, err error) {
	plan, why := planPartitions(ep, req, opts, maxInFlight)
	if plan == nil {
		if ep.parts != nil && len(*ep.paging(&req).sortBy) > 0 {
			tflog.Debug(ctx, "Reading DevRev "+ep.plural()+" as one cursor chain", map[string]any{"reason": why})
		}
		return nil, false, nil
	}

	var (
		count    Count
		countErr error
		counted  = make(chan struct{})
	)
	countCtx, cancelCount := context.WithCancel(ctx)
	go func() {
		defer close(counted)
		count, countErr = ep.count(countCtx, c, req)
	}()
	defer func() { cancelCount(); <-counted }() // a read of one page does not wait for the count

	started := time.Now()
	next, stop := iter.Pull2(pages(ctx, c, ep, req, opts, oneAtATime, nil))
	defer stop()
	first, err, _ := next()
	if err != nil {
		return nil, true, err
	}
	// chain reads on as one chain, from the first page on: the first page
	// is never read twice.
	chain := func() (*Window[T], bool, error) {
		w, err := collectWindow(ep, req, opts, func(yield func(*page[T], error) bool) {
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
	if *ep.paging(&req).mode == ModeBefore {
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
		if countFailed == nil && count.HasMore {
			countFailed = fmt.Errorf("%s says more than %d match (has_more): a capped count proves nothing", ep.counting.name(), count.Count)
		}
	case <-grace.C:
		countFailed = fmt.Errorf("%s did not answer within %s of the first page", ep.counting.name(), humanDuration(wait))
	case <-ctx.Done():
		return nil, true, ctx.Err()
	}
	if countFailed != nil {
		logFallback(ctx, c, ep, fmt.Sprintf("the count failed: %v", countFailed))
		return chain()
	}
	if pageSize := pageSizeOf(opts); count.Count < int64(minPagesPerPart*len(plan.values)*pageSize) {
		tflog.Debug(ctx, "Reading DevRev "+ep.plural()+" as one cursor chain", map[string]any{
			"reason": fmt.Sprintf("%d %s are fewer than %d pages of %d per part", count.Count, ep.plural(), minPagesPerPart, pageSize)})
		return chain()
	}

	tflog.Debug(ctx, "Reading DevRev "+ep.plural()+" in partitions by "+ep.parts.filter, map[string]any{
		"parts": len(plan.values), ep.parts.filter: strings.Join(plan.values, ","), "sort_by": strings.Join(*ep.paging(&req).sortBy, ","),
		ep.name: count.Count, "both_ends": plan.bothEnds,
	})
	w, err = readPartitions(ctx, c, ep, req, opts, plan, count.Count)
	if err != nil {
		if ctx.Err() != nil {
			return nil, true, ctx.Err()
		}
		// A read past the provider's bounds would pass them again as one
		// chain, after reading as much a second time.
		if tooLarge := (*ReadTooLargeError)(nil); errors.As(err, &tooLarge) {
			return nil, true, err
		}
		logFallback(ctx, c, ep, err.Error())
		return chain()
	}
	w.Pages++ // the chain's first page
	tflog.Debug(ctx, "Read DevRev "+ep.plural()+" in partitions", map[string]any{
		ep.name: len(w.Items), "pages": w.Pages, "parts": len(plan.values),
	})
	return w, true, nil
}

// logFallback says, at warn level, why a read that was to be partitioned
// goes on as one chain.
func logFallback[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], why string) {
	tflog.Warn(ctx, "Partitioned read of DevRev "+ep.plural()+" not used; reading one cursor chain instead", map[string]any{
		"reason": c.redact.String(why),
	})
}

// readPartitions reads every part at once, checks them against count and
// merges them.
func readPartitions[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions, plan *partitionPlan[T], count int64) (_ *Window[T], err error) {
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

	p := ep.parts
	name := func(value string) string { return p.filter + "=" + value }
	parts := make([]*partResult[T], len(plan.values))
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
	for i, value := range plan.values {
		wg.Go(func() {
			partReq := req
			*p.set(&partReq) = []string{value}
			w, err := readPart(ctx, c, ep, partReq, opts, plan.bothEnds, name(value))
			if err != nil {
				fail(fmt.Errorf("the part %s failed: %w", name(value), err))
				return
			}
			parts[i] = w
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}

	items := make([][]T, len(parts))
	total, pages := 0, 0
	var warnings []string
	seen := map[string]string{}
	for i, part := range parts {
		value := plan.values[i]
		for j := range part.items {
			if v := p.value(&part.items[j]); v != nil && *v != value {
				return nil, fmt.Errorf("the part %s holds %s of %s %q", name(value), withArticle(ep.singular()), p.filter, *v)
			}
			id := plan.order.id(&part.items[j])
			if id == nil {
				continue
			}
			if other, dup := seen[*id]; dup {
				return nil, fmt.Errorf("%s %q came back in the parts %s and %s", ep.singular(), *id, name(other), name(value))
			}
			seen[*id] = value
		}
		items[i] = part.items
		total += len(part.items)
		pages += part.pages
		for _, warning := range part.warnings {
			warnings = append(warnings, fmt.Sprintf("In the part of the read with %s = [%q]: %s", p.filter, value, warning))
		}
	}
	if int64(total) != count {
		return nil, fmt.Errorf("the parts hold %d %s but %s says %d (%s of a %s outside %s?)",
			total, ep.plural(), ep.counting.name(), count, ep.plural(), p.filter, strings.Join(plan.values, ","))
	}
	merged, err := plan.order.mergeSorted(items)
	if err != nil {
		return nil, err
	}
	return &Window[T]{Items: merged, Pages: pages, Warnings: warnings}, nil
}
