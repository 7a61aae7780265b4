package localapi

import "slices"

// Tag is the server's model of a DevRev tag (`tag`, an `atom-base`). Empty
// strings and nil pointers or slices are absent and omitted, except name,
// which the spec requires.
type Tag struct {
	AllowedValues []string     `json:"allowed_values,omitempty"`
	CreatedBy     *UserSummary `json:"created_by,omitempty"`
	CreatedDate   string       `json:"created_date,omitempty"`
	Description   string       `json:"description,omitempty"`
	DisplayID     string       `json:"display_id,omitempty"`
	ID            string       `json:"id"`
	ModifiedBy    *UserSummary `json:"modified_by,omitempty"`
	ModifiedDate  string       `json:"modified_date,omitempty"`
	Name          string       `json:"name"`

	// On says which generated objects carry the tag: "account", "work",
	// "part", or "" for none. Generated accounts, works and parts take
	// their tags from the server's tags by it, so that every tag they
	// carry is one tags.list serves; the tag schema has no such field.
	On string `json:"-"`
}

// Summary is the tag-summary that other objects (an account's or a work's
// tags) use to refer to t.
func (t *Tag) Summary() *TagSummary {
	return &TagSummary{ID: t.ID, DisplayID: t.DisplayID, Name: t.Name}
}

// tagsOn returns the tags meant for one kind of object.
func tagsOn(tags []Tag, on string) []*Tag {
	var out []*Tag
	for i := range tags {
		if tags[i].On == on {
			out = append(out, &tags[i])
		}
	}
	return out
}

// tagTable is the tags table with the values its filter reads.
type tagTable struct {
	*table
	items []Tag
	name  [][]string
}

func newTagTable(in []Tag) *tagTable {
	x := &tagTable{}
	x.table, x.items = newTable("/tags.list", in, []column[Tag]{
		{"created_date", func(t *Tag) string { return t.CreatedDate }},
		{"modified_date", func(t *Tag) string { return t.ModifiedDate }},
		{"name", func(t *Tag) string { return t.Name }},
	}, func(t *Tag) string { return t.ID }, func(t *Tag) string { return t.DisplayID }, cloneTag, renderEach)
	for i := range x.items {
		x.name = append(x.name, one(x.items[i].Name))
	}
	return x
}

func cloneTag(t Tag) Tag {
	t.AllowedValues = slices.Clone(t.AllowedValues)
	return t
}

// tagFilter holds the filters of `tags-list-request`: names, exact.
type tagFilter struct {
	Name []string `json:"name"`
}

func (x *tagTable) compile(f *tagFilter) (func(int) bool, *apiError) {
	var ps predicates
	ps.addSet(toSet(f.Name, nil), x.name)
	return ps.all(), nil
}

func (x *tagTable) routes(add func(string, handler)) {
	add("/tags.list", listHandler(x.table, "tags", x.compile))
	add("/tags.get", getHandler(x.table, "tag", "tag"))
}
