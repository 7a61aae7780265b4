package provider

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// An object's data sources are declared in its own file, with one call:
//
//	var _ = serve(worksList, workGet)
//
// serve registers the list, the singular data source (nil when DevRev
// has no get) and, when the client declares a count of the list
// (devrev.API.CountPath), the count data source (countOf). Adding an
// object touches no list here or in provider.go.

// registry holds the declared data sources.
type registry struct {
	mu    sync.Mutex
	all   []func() datasource.DataSource
	order []func() datasource.DataSource // all, by type name; nil until asked
}

var declared registry

// serve registers the data sources of one kind of object.
func serve[F, R, T any](list *listSpec[F, R, T], get *getSpec[T]) struct{} {
	ds := []func() datasource.DataSource{newList(list)}
	if get != nil {
		ds = append(ds, newGet(get))
	}
	if list.api.CountPath != "" {
		ds = append(ds, newCount(countOf(list)))
	}
	declared.mu.Lock()
	defer declared.mu.Unlock()
	declared.all = append(declared.all, ds...)
	declared.order = nil
	return struct{}{}
}

// sorted returns the data sources in type-name order, so that the schema
// and the docs do not depend on the order files initialize in.
func (r *registry) sorted() []func() datasource.DataSource {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.order == nil {
		type named struct {
			name string
			ds   func() datasource.DataSource
		}
		all := make([]named, len(r.all))
		for i, ds := range r.all {
			var md datasource.MetadataResponse
			ds().Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "devrev"}, &md)
			all[i] = named{md.TypeName, ds}
		}
		slices.SortFunc(all, func(a, b named) int { return strings.Compare(a.name, b.name) })
		r.order = make([]func() datasource.DataSource, len(all))
		for i, n := range all {
			r.order[i] = n.ds
		}
	}
	return r.order
}
