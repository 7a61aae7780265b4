package localapi

import (
	"reflect"
	"slices"
	"strings"
)

// List describes one list endpoint: what a request can filter and sort it
// by. Both come from the server's own declarations (the request struct the
// endpoint decodes, the table's sortable fields), so the description
// cannot drift from what the server does.
type List struct {
	Path string
	// Filters are the request fields it filters by, as a request names
	// them; a nested filter is named with its fields, such as
	// "created_date{after,before}" or "ticket{account,severity}".
	Filters []string
	// SortBy are the fields sort_by takes (each with :asc or :desc).
	SortBy []string
}

// Lists describes every list the server serves, in path order.
func (s *Server) Lists() []List {
	out := make([]List, 0, len(s.lists))
	for _, t := range s.lists {
		out = append(out, List{Path: t.name, Filters: requestFields(t.filter), SortBy: slices.Clone(t.fields)})
	}
	slices.SortFunc(out, func(a, b List) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// requestFields names the JSON fields of a request struct: a field of a
// struct type with its own fields in braces, an embedded struct's fields
// as the struct's own.
func requestFields(t reflect.Type) []string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			out = append(out, requestFields(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		if sub := requestFields(f.Type); sub != nil {
			name += "{" + strings.Join(sub, ",") + "}"
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
