package devrev

import (
	"strings"
	"time"
)

// dateRange pairs one date filter of a request with the date of an object
// that filter selects on: the provider checks each object's own dates
// against the ranges it asked for (works, meetings), so that a server that
// does not apply a date filter cannot put an object outside the range into
// the result.
type dateRange struct {
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
// does not lie in a range.
func inDateRanges(rs []dateRange) bool {
	for _, r := range rs {
		if r.filter == nil {
			continue
		}
		if r.date == nil {
			return false
		}
		at, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(*r.date))
		if err != nil {
			return false
		}
		if after, err := time.Parse(time.RFC3339Nano, r.filter.After); err == nil && at.Before(after) {
			return false
		}
		if before, err := time.Parse(time.RFC3339Nano, r.filter.Before); err == nil && at.After(before) {
			return false
		}
	}
	return true
}
