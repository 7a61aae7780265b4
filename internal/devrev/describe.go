package devrev

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
	Name             string
	Plural, Singular string // in prose: "dev users", "dev user"
	// ID returns an object's id (DON).
	ID func(*T) *string
}

func (ep *endpoint[R, T]) api() API[T] {
	ids := ep.ids
	return API[T]{
		ListPath: ep.list, GetPath: ep.get, Items: ep.items, Item: ep.item, Name: ep.name,
		Plural: ep.plural(), Singular: ep.singular(),
		ID: func(t *T) *string { id, _ := ids(t); return id },
	}
}
