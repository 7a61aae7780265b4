package devrev

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
)

// Reading one part from both ends.
//
// A part is itself a cursor chain: its pages come one after another, so the
// largest part sets the time of a partitioned read (a part of 1,100 items in pages of 100
// is 12 round trips). When the client may send more requests at once than there
// are parts, each part is read from both ends at the same time: forward from
// the start (mode "after") and backward from the end (mode "before"), until
// the two meet. That halves the longest chain for at most two pages more
// per part (where the two ends overlap).
//
// Both ends start at once and advance in step, one page each, and stop as
// soon as a page of one holds an item the other has read. A part of N
// items in pages of S thus takes the first k round trips with 2kS > N
// (the ends must overlap by one item to know they met) and 2k
// requests: as many as its chain, or one more, or two when N is a multiple
// of 2S (then the ends touch without overlapping, and only the next round
// shows it). Starting the backward end a round later, once the first
// forward page said there was more, would spare a part of one page its
// second request, but cost most larger parts a round trip, and a request
// whenever the lagging end needed one more page to overlap.
//
// Both ends are stretches of the same sorted sequence, so the overlap is
// the end of the forward stretch and the start of the backward one,
// item for item; anything else (an id twice on one end, an
// overlap that is not exactly that) means the API did not serve one
// consistent order, and the partitioned read hands over to one chain.

// partResult is what reading one part gives.
type partResult[T any] struct {
	items    []T
	pages    int
	warnings []string
}

// readPart reads req (one part, named so in messages) as one chain, or
// from both ends.
func readPart[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions, bothEnds bool, part string) (*partResult[T], error) {
	if !bothEnds {
		w, err := ep.chain(ctx, c, req, opts)
		if err != nil {
			return nil, err
		}
		return &partResult[T]{items: w.Items, pages: w.Pages, warnings: w.Warnings}, nil
	}
	fwdReq, bwdReq := req, req
	*ep.paging(&fwdReq).mode, *ep.paging(&bwdReq).mode = ModeAfter, ModeBefore
	nextFwd, stopFwd := iter.Pull2(pages(ctx, c, ep, fwdReq, opts, oneAtATime, nil))
	defer stopFwd()
	nextBwd, stopBwd := iter.Pull2(pages(ctx, c, ep, bwdReq, opts, oneAtATime, nil))
	defer stopBwd()

	var (
		res            partResult[T]
		fwd            []T
		bwdPages       [][]T // newest first
		fwdIDs, bwdIDs = map[string]bool{}, map[string]bool{}
	)
	id := func(item *T) *string { id, _ := ep.ids(item); return id }
	// add records a page's ids on one end; false when an id repeats there.
	add := func(ids map[string]bool, items []T) bool {
		for i := range items {
			if id := id(&items[i]); id != nil {
				if ids[*id] {
					return false
				}
				ids[*id] = true
			}
		}
		return true
	}
	meets := func(items []T, other map[string]bool) bool {
		for i := range items {
			if id := id(&items[i]); id != nil && other[*id] {
				return true
			}
		}
		return false
	}
	for {
		var (
			fp, bp       *page[T]
			fErr, bErr   error
			fMore, bMore bool
			wg           sync.WaitGroup
		)
		wg.Go(func() { fp, fErr, fMore = nextFwd() })
		wg.Go(func() { bp, bErr, bMore = nextBwd() })
		wg.Wait()
		fwdDone, bwdDone := !fMore, !bMore
		if fErr != nil {
			return nil, fErr
		}
		if bErr != nil {
			return nil, bErr
		}
		if fMore {
			res.pages++
			fwd = append(fwd, fp.Items...)
			if !add(fwdIDs, fp.Items) {
				return nil, fmt.Errorf("%s came back twice reading the part %s forward", withArticle(ep.singular()), part)
			}
			fwdDone = fp.NextCursor == nil
		}
		if bMore {
			res.pages++
			bwdPages = append(bwdPages, bp.Items)
			if !add(bwdIDs, bp.Items) {
				return nil, fmt.Errorf("%s came back twice reading the part %s backward", withArticle(ep.singular()), part)
			}
			bwdDone = bp.PrevCursor == nil
		}
		switch {
		case fwdDone:
			// The forward end read the whole part.
			res.items = fwd
			return &res, nil
		case bwdDone:
			res.items = backwardItems(bwdPages)
			return &res, nil
		case meets(fp.Items, bwdIDs) || meets(bp.Items, fwdIDs):
			items, ok := joinEnds(fwd, backwardItems(bwdPages), fwdIDs, id)
			if !ok {
				return nil, fmt.Errorf("reading the part %s from both ends gave stretches that do not overlap cleanly", part)
			}
			res.items = items
			return &res, nil
		}
	}
}

// backwardItems puts pages read backward (newest first, each in sort order)
// into sort order.
func backwardItems[T any](pages [][]T) []T {
	pages = slices.Clone(pages)
	slices.Reverse(pages)
	return slices.Concat(pages...)
}

// joinEnds joins a forward stretch and a backward one that overlap: the
// start of bwd must be exactly the end of fwd.
func joinEnds[T any](fwd, bwd []T, fwdIDs map[string]bool, id func(*T) *string) ([]T, bool) {
	overlap := 0
	for overlap < len(bwd) && id(&bwd[overlap]) != nil && fwdIDs[*id(&bwd[overlap])] {
		overlap++
	}
	if overlap == 0 || overlap > len(fwd) {
		return nil, false
	}
	tail := fwd[len(fwd)-overlap:]
	for i := range overlap {
		if id(&tail[i]) == nil || *id(&tail[i]) != *id(&bwd[i]) {
			return nil, false
		}
	}
	for i := range bwd[overlap:] {
		if e := id(&bwd[overlap+i]); e != nil && fwdIDs[*e] {
			return nil, false
		}
	}
	return append(fwd, bwd[overlap:]...), true
}
