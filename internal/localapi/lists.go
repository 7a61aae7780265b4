package localapi

import (
	"slices"
	"strings"
)

// List describes one list endpoint: what a request can filter and sort it
// by. Both come from the object's declaration, which the server serves
// from, so the description cannot drift from what the server does.
type List struct {
	Path string
	// Filters are the request fields it filters by, by the spec's dotted
	// path ("ticket.severity"); a date filter with its fields in braces,
	// "created_date{after,before}", or "created_date{type:range,after,before}"
	// for the date-filter of works and meetings.
	Filters []string
	// SortBy are the fields sort_by takes (each with :asc or :desc).
	SortBy []string
	// Items is how many objects the list holds.
	Items int
}

// Lists describes every list the server serves, in path order.
func (s *Server) Lists() []List {
	out := make([]List, 0, len(s.objects))
	for _, o := range s.objects {
		l := o.describe()
		l.Items = len(s.served[o.name()].listed().ids)
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b List) int { return strings.Compare(a.Path, b.Path) })
	return out
}
