package devrev

import (
	"fmt"
	"reflect"
)

// Paging is the part of a list request that every list endpoint shares and
// the paging engine (pages.go, window.go) drives. Each list request embeds
// it once, after its filter, so that the request body's JSON names are
// declared here only.
type Paging struct {
	SortBy []string `json:"sort_by,omitempty"`
	Mode   string   `json:"mode,omitempty"`
	Cursor string   `json:"cursor,omitempty"`
	Limit  int      `json:"limit,omitempty"`
}

// pagingFields is promoted to every *R that embeds Paging: it is how
// newEndpoint reaches the paging fields without a hand-written getter.
func (p *Paging) pagingFields() *Paging { return p }

type hasPaging interface{ pagingFields() *Paging }

// pagingOf returns the engine's view of the paging fields of requests of
// type R. It panics, when the endpoint is declared (at init), if R does
// not embed Paging.
func pagingOf[R any]() func(*R) paging {
	if _, ok := any(new(R)).(hasPaging); !ok {
		panic(fmt.Sprintf("devrev: %T does not embed Paging", *new(R)))
	}
	return func(r *R) paging {
		p := any(r).(hasPaging).pagingFields() //nolint:forcetypeassert // checked above, for the type
		return paging{&p.SortBy, &p.Mode, &p.Cursor, &p.Limit}
	}
}

// matchesNothing is the empty-set rule of every filter type, read from the
// filter's declaration rather than listed by hand: a filter whose set
// field (a slice, at any depth of nested filter structs, such as works'
// `ticket.severity`) is non-nil and empty matches nothing, so no request
// needs to be sent. nil means "not filtered".
func matchesNothing(filter any) bool {
	return emptySetIn(reflect.ValueOf(filter))
}

func emptySetIn(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && emptySetIn(v.Elem())
	case reflect.Slice:
		return !v.IsNil() && v.Len() == 0
	case reflect.Map:
		// A map of sets (CustomFieldFilter): an empty set in any entry.
		for iter := v.MapRange(); iter.Next(); {
			if emptySetIn(iter.Value()) {
				return true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && emptySetIn(v.Field(i)) {
				return true
			}
		}
	}
	return false
}
