package devrev

import (
	"context"
	"fmt"
)

// dateRange pairs one date range of a read with the date of an object that
// range selects on: the provider checks each object's own dates against the
// ranges it was asked for (each filter's dateRanges), so that a server
// that does not apply a date filter (engagements have none) cannot put an
// object outside the range into the result.
type dateRange struct {
	name   string // the range's and the date's name, such as "created_date"
	bounds *DateTimeFilter
	date   *string
}

// bounds is d's after and before; nil stays nil.
func (d *DateFilter) bounds() *DateTimeFilter {
	if d == nil {
		return nil
	}
	return &d.DateTimeFilter
}

// anyDateRange reports whether one of rs is set.
func anyDateRange(rs []dateRange) bool {
	for _, r := range rs {
		if r.bounds != nil {
			return true
		}
	}
	return false
}

// inDateRanges reports whether every date lies in its range, both ends
// inclusive, comparing instants (not strings). An object without the date
// does not lie in a range. A date that is not an RFC 3339 timestamp is an
// error: whether the object belongs in the result cannot be told, and
// dropping it would read as "not in the range".
func inDateRanges(rs []dateRange) (bool, error) { return inParsedRanges(rs, parseBounds(rs)) }

// inParsedRanges is inDateRanges with the ranges' bounds parsed already
// (bs[i] are rs[i]'s): a read parses them once, not once per object.
func inParsedRanges(rs []dateRange, bs []rangeBounds) (bool, error) {
	for i, r := range rs {
		if r.bounds == nil {
			continue
		}
		if r.date == nil {
			return false, nil
		}
		at, err := ParseInstant(*r.date)
		if err != nil {
			return false, fmt.Errorf("its %s %q is not an RFC 3339 timestamp (%v), so it cannot be checked against the %s range", r.name, *r.date, err, r.name)
		}
		if b := bs[i].after; b != nil && at.Compare(*b) < 0 {
			return false, nil
		}
		if b := bs[i].before; b != nil && at.Compare(*b) > 0 {
			return false, nil
		}
	}
	return true, nil
}

// rangeBounds are one range's bounds, parsed: nil where a bound bounds
// nothing.
type rangeBounds struct{ after, before *Instant }

// parseBounds parses the bounds of rs, in their order.
func parseBounds(rs []dateRange) []rangeBounds {
	bs := make([]rangeBounds, len(rs))
	for i, r := range rs {
		if r.bounds != nil {
			bs[i] = rangeBounds{parseBound(r.bounds.After), parseBound(r.bounds.Before)}
		}
	}
	return bs
}

// parseBound is a range's bound, or nil for an unset one (""). The provider
// refuses any other that does not parse, at plan time (its validators.go),
// so what gets here unparsed bounds nothing.
func parseBound(s string) *Instant {
	i, err := ParseInstant(s)
	if err != nil {
		return nil
	}
	return &i
}

// DateError is an object whose date the provider checks against a range
// (dateRange) but cannot read. The endpoint answered,
// with what the API describes but for that one date: checking the endpoint
// would not help, so its message says what does (hints.go).
type DateError struct{ err error }

func (e *DateError) Error() string { return e.err.Error() }

// SortOrderError is a list read up to a range's cutoff that DevRev did not
// send in the order by date it was asked for. As for a DateError, the
// endpoint answered, and its message says what to do (hints.go).
type SortOrderError struct{ err error }

func (e *SortOrderError) Error() string { return e.err.Error() }

// dateOrder is the sort of a read whose first key is one of its ranged
// dates: from the first object past the range, in the direction the read
// goes, no object can lie in the range, so the read stops at that page.
type dateOrder[T any] struct {
	name   string // "created_date"
	date   func(*T) *string
	bounds DateTimeFilter
	desc   bool // newest first
}

// dated declares the date ranges of ep's requests that the client checks
// itself: ranges pairs each with an item's date. order, when not nil, is
// the sort of a read with a date range, which may set the request's
// sort_by, and the cutoff it reads up to; without, the whole list is read
// and filtered.
func (ep *endpoint[R, T]) dated(ranges func(*R, *T) []dateRange, order func(*R) *dateOrder[T]) *endpoint[R, T] {
	ep.ranges, ep.order = ranges, order
	return ep
}

// hasDateRange reports whether req has a date range the client checks.
func (ep *endpoint[R, T]) hasDateRange(req *R) bool {
	return ep.ranges != nil && anyDateRange(ep.ranges(req, new(T)))
}

// chain reads req as one cursor chain into one window. With a date range,
// objects outside a range are dropped and opts.Limit counts the objects
// kept (pages); with an order as well, the read ends at the first page
// that passes the range.
func (ep *endpoint[R, T]) chain(ctx context.Context, c *Client, req R, opts ListOptions) (*Window[T], error) {
	if !ep.hasDateRange(&req) {
		return listWindow(ctx, c, ep, req, opts)
	}
	var order *dateOrder[T]
	if ep.order != nil {
		order = ep.order(&req)
	}
	ranges := func(item *T) []dateRange { return ep.ranges(&req, item) }
	return siftWindow(ctx, c, ep, req, opts, dateSieve(ep, ranges, order))
}

// dateSieve keeps the objects of a page that lie in their ranges. With
// order, it says when the page holds an object past the range in the
// direction of the read, and checks that DevRev sent the objects in that
// order: a cutoff on a list out of order would drop objects in the range.
// Both compare whole seconds, in which the order of instants and that of
// the strings DevRev sends ("…:43Z", "…:43.500Z") agree, so a server that
// sorts either way passes; objects in the bound's own second are never
// past it, and the range itself is checked to the nanosecond.
func dateSieve[R listRequest, T any](ep *endpoint[R, T], ranges func(*T) []dateRange, order *dateOrder[T]) sieve[T] {
	var (
		reached  int64   // the last second seen in the direction of the read
		lastID   *string // the id of the object dated last, for a message
		anyDated bool
	)
	// The bounds are the read's, the same for every object: parsed once.
	bounds := parseBounds(ranges(new(T)))
	var orderAfter, orderBefore *Instant
	if order != nil {
		orderAfter, orderBefore = parseBound(order.bounds.After), parseBound(order.bounds.Before)
	}
	return func(p *page[T], backwards bool) (bool, error) {
		past := false
		if order != nil {
			rising := order.desc == backwards // the read goes towards later dates
			for k := range p.Items {
				i := k
				if backwards { // pages in mode "before" are in sort order too, read from their end
					i = len(p.Items) - 1 - k
				}
				d := order.date(&p.Items[i])
				if d == nil {
					continue
				}
				at, err := ParseInstant(*d)
				if err != nil {
					break // inDateRanges below names it
				}
				s := at.t.Unix()
				id, _ := ep.ids(&p.Items[i])
				if anyDated && (rising && s < reached || !rising && s > reached) {
					return false, &SortOrderError{err: fmt.Errorf("DevRev answered POST %s sorted by %s %s, but sent %s %s (%s %q) after %s %s, "+
						"out of that order: the read stops at the first %s past the range, which is exact only in that order, "+
						"so nothing was read into state. Try again later; if it persists, set sort_by to begin with a date that has no "+
						"range, which reads every %s and keeps those in the range",
						ep.list, order.name, direction(order.desc), ep.singular(), quoteOrNone(id), order.name, *d, ep.singular(), quoteOrNone(lastID),
						ep.singular(), ep.singular())}
				}
				reached, lastID, anyDated = s, id, true
				limit := orderAfter
				if rising {
					limit = orderBefore
				}
				past = past || beyond(at, limit, rising)
			}
		}
		kept := p.Items[:0]
		for i := range p.Items {
			in, err := inParsedRanges(ranges(&p.Items[i]), bounds)
			if err != nil {
				return false, &DateError{err: fmt.Errorf("DevRev answered POST %s with %s %s: %w; nothing was read into state. "+
					"Without that date filter the %s reads as DevRev sent it; a date that is not RFC 3339 is DevRev's to fix",
					ep.list, ep.singular(), describeID(ep, &p.Items[i]), err, ep.singular())}
			}
			if in {
				kept = append(kept, p.Items[i])
			}
		}
		clear(p.Items[len(kept):]) // what was dropped is not held
		p.Items = kept
		return past, nil
	}
}

// beyond reports whether a date lies past limit, the range's bound on the
// side a read goes towards (rising: later dates), in whole seconds; nil
// (unset) has nothing past it.
func beyond(at Instant, limit *Instant, rising bool) bool {
	if limit == nil {
		return false
	}
	d := at.t.Unix() - limit.t.Unix()
	if rising {
		return d > 0
	}
	return d < 0
}

func direction(desc bool) string {
	if desc {
		return "descending"
	}
	return "ascending"
}

// describeID is an object's id for a message, quoted, or "none".
func describeID[R listRequest, T any](ep *endpoint[R, T], item *T) string {
	id, _ := ep.ids(item)
	return quoteOrNone(id)
}
