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

var tags = object[Tag]{
	list: "/tags.list", get: "/tags.get", key: "tags", one: "tag",
	id: func(t *Tag) string { return t.ID }, displayID: func(t *Tag) string { return t.DisplayID },
	columns: []column[Tag]{
		{"created_date", func(t *Tag) string { return t.CreatedDate }},
		{"modified_date", func(t *Tag) string { return t.ModifiedDate }},
		{"name", func(t *Tag) string { return t.Name }},
	},
	filters:      []filter[Tag]{exact("name", func(t *Tag) []string { return one(t.Name) })},
	clone:        cloneTag,
	seed:         func(sd *seeds, n int) []Tag { return generateTags(sd.opts.Seed, n, of[DevUser](sd, "dev-users")) },
	defaultCount: func(*seeds) int { return defaultTags },
}

var _ = serve(&tags)

func cloneTag(t Tag) Tag {
	t.AllowedValues = slices.Clone(t.AllowedValues)
	return t
}
