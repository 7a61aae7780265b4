package devrev

import (
	"context"
	"fmt"
)

// dateRange pairs one date filter of a request with the date of an object
// that filter selects on: the provider checks each object's own dates
// against the ranges it asked for (works, meetings), so that a server that
// does not apply a date filter cannot put an object outside the range into
// the result.
type dateRange struct {
	name   string // the filter's and the date's name, such as "created_date"
	filter *DateFilter
	date   *string
}

// anyDateRange reports whether one of rs is set.
func anyDateRange(rs []dateRange) bool {
	for _, r := range rs {
		if r.filter != nil {
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
func inDateRanges(rs []dateRange) (bool, error) {
	for _, r := range rs {
		if r.filter == nil {
			continue
		}
		if r.date == nil {
			return false, nil
		}
		at, err := ParseInstant(*r.date)
		if err != nil {
			return false, fmt.Errorf("its %s %q is not an RFC 3339 timestamp (%v), so it cannot be checked against the %s range", r.name, *r.date, err, r.name)
		}
		// An unset bound ("") bounds nothing; the provider refuses any
		// other that does not parse, at plan time (its validators.go).
		if after, err := ParseInstant(r.filter.After); err == nil && at.Compare(after) < 0 {
			return false, nil
		}
		if before, err := ParseInstant(r.filter.Before); err == nil && at.Compare(before) > 0 {
			return false, nil
		}
	}
	return true, nil
}

// DateError is an object whose date the provider checks against a range
// (works, meetings) but cannot read. The endpoint answered, with what the
// API describes but for that one date: checking the endpoint would not help,
// so its message says what does (hints.go).
type DateError struct{ err error }

func (e *DateError) Error() string { return e.err.Error() }

// listInDateRanges is listWindow for objects whose date filters the
// provider also checks itself (ranges pairs the request's filters with an
// object's dates): objects outside a range are dropped. They still count
// towards opts.Limit (DevRev sent them), so a limited read can hold fewer
// objects than its limit; its cursors stay exact.
func listInDateRanges[R listRequest, T any](ctx context.Context, c *Client, ep *endpoint[R, T], req R, opts ListOptions,
	ranges func(*T) []dateRange) (*Window[T], error) {
	w, err := listWindow(ctx, c, ep, req, opts)
	if err != nil || !anyDateRange(ranges(new(T))) {
		return w, err
	}
	kept := w.Items[:0]
	for i := range w.Items {
		in, err := inDateRanges(ranges(&w.Items[i]))
		if err != nil {
			id, _ := ep.ids(&w.Items[i])
			return nil, &DateError{err: fmt.Errorf("DevRev answered POST %s with %s %q: %w; nothing was read into state. "+
				"Without that date filter the %s reads as DevRev sent it; a date that is not RFC 3339 is DevRev's to fix",
				ep.list, ep.singular(), *id, err, ep.singular())}
		}
		if in {
			kept = append(kept, w.Items[i])
		}
	}
	w.Items = kept
	return w, nil
}
