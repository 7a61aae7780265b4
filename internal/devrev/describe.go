package devrev

import (
	"context"
	"fmt"
	"slices"
)

// API is what the provider needs to know of one kind of object to serve
// it, taken from the endpoint the client reads it through, so that paths,
// names and the id are declared once (next to the wire type), not again in
// the provider.
type API[T any] struct {
	ListPath, GetPath string // "/engagements.list", "/engagements.get"
	Items, Item       string // the responses' names: "dev_users", "dev_user"
	// Name names the objects' data sources (devrev_ + Name): Items, unless
	// the response's key does not name them ("group_members" for
	// groups.members.list's "members").
	Name string
	// Attribute is the list data source's attribute of the items: Items,
	// unless the response's key says nothing of them ("custom_objects" for
	// custom-objects.list's "result").
	Attribute        string
	Plural, Singular string // in prose: "dev users", "dev user"
	// ID returns an object's id (DON).
	ID func(*T) *string

	// CountPath is the count over the list's filters ("/works.count"), ""
	// when DevRev has none; CountHasMore says that its count is capped and
	// its answer says so (has_more). CountedByListing are the date ranges
	// a count counts by listing instead ("created_date", ...; count.go).
	CountPath        string
	CountHasMore     bool
	CountedByListing []string
	// count is the endpoint's count (Counter), a func(context.Context,
	// *Client, R) (Count, error) of the list's request type R.
	count any
}

// Counter is api's count of the objects a list request's filters select
// (its paging is not sent): the empty-set rule, the count by listing of a
// date range and the checks of the answer are the same for every count
// (count.go). R is the list's request type; Counter panics when api has no
// count or R is another type, i.e. when the provider declares a count
// data source that cannot be (at init, when its declarations are made).
func Counter[R, T any](api API[T]) func(context.Context, *Client, R) (Count, error) {
	count, ok := api.count.(func(context.Context, *Client, R) (Count, error))
	if !ok {
		panic(fmt.Sprintf("devrev: %s has no count of %T", api.ListPath, *new(R)))
	}
	return count
}

// declaredPaths are the paths of every endpoint described for the
// provider (api): what the client can send.
var declaredPaths []string

// Paths returns the paths of the requests the client can send, each list,
// get and count it declares, sorted: what the project's copy of DevRev's
// spec is trimmed to (internal/openapi/trimspec).
func Paths() []string {
	return slices.Compact(slices.Sorted(slices.Values(declaredPaths)))
}

func (ep *endpoint[R, T]) api() API[T] {
	ids := ep.ids
	declaredPaths = append(declaredPaths, ep.list)
	if ep.get != "" {
		declaredPaths = append(declaredPaths, ep.get)
	}
	if ep.counting != nil {
		declaredPaths = append(declaredPaths, ep.counting.path)
	}
	a := API[T]{
		ListPath: ep.list, GetPath: ep.get, Items: ep.items, Item: ep.item, Name: ep.name, Attribute: ep.attribute,
		Plural: ep.plural(), Singular: ep.singular(),
		ID: func(t *T) *string { id, _ := ids(t); return id },
	}
	if ep.counting != nil {
		a.CountPath, a.CountHasMore = ep.counting.path, ep.counting.hasMore
		if ep.ranges != nil {
			for _, r := range ep.ranges(new(R), new(T)) {
				a.CountedByListing = append(a.CountedByListing, r.name)
			}
		}
		a.count = func(ctx context.Context, c *Client, req R) (Count, error) { return ep.count(ctx, c, req) }
	}
	return a
}
