package localapi

import (
	"slices"
	"strconv"
)

// Part is the server's model of a DevRev part (`part`: a product,
// capability, feature, ... by Type; the fields of `part-base`). Empty
// strings and nil pointers or slices are absent and omitted, except name
// and owned_by, which the spec requires.
type Part struct {
	CreatedBy    *UserSummary   `json:"created_by,omitempty"`
	CreatedDate  string         `json:"created_date,omitempty"`
	CustomFields CustomFields   `json:"custom_fields,omitempty"`
	Description  string         `json:"description,omitempty"`
	DisplayID    string         `json:"display_id,omitempty"`
	ID           string         `json:"id"`
	ModifiedBy   *UserSummary   `json:"modified_by,omitempty"`
	ModifiedDate string         `json:"modified_date,omitempty"`
	Name         string         `json:"name"`
	OwnedBy      []*UserSummary `json:"owned_by"`
	Subtype      string         `json:"subtype,omitempty"`
	Tags         []TagWithValue `json:"tags,omitempty"`
	Type         string         `json:"type"`

	// Parent is the DON id of the part above this one in the part
	// hierarchy ("" for a product). The parent_part filter selects on it;
	// the part schema has no such field, so it is not served.
	Parent string `json:"-"`
}

// Summary is the part-summary that a work's applies_to_part uses to refer
// to p.
func (p *Part) Summary() *PartSummary {
	return &PartSummary{ID: p.ID, DisplayID: p.DisplayID, Name: p.Name, Type: p.Type, OwnedBy: p.OwnedBy}
}

var parts = object[Part]{
	list: "/parts.list", get: "/parts.get", key: "parts", one: "part",
	id: func(p *Part) string { return p.ID }, displayID: func(p *Part) string { return p.DisplayID },
	columns: []column[Part]{
		{"created_date", func(p *Part) string { return p.CreatedDate }},
		{"modified_date", func(p *Part) string { return p.ModifiedDate }},
		{"name", func(p *Part) string { return p.Name }},
	},
	filters: []filter[Part]{
		enum("type", func(p *Part) []string { return one(p.Type) }),
		exact("name", func(p *Part) []string { return one(p.Name) }),
		anyID("owned_by", func(p *Part) []string { return userIDs(p.OwnedBy...) }),
		anyID("created_by", func(p *Part) []string { return userIDs(p.CreatedBy) }),
		anyID("modified_by", func(p *Part) []string { return userIDs(p.ModifiedBy) }),
		exact("subtype", func(p *Part) []string { return one(p.Subtype) }),
		anyID("tags", func(p *Part) []string { return tagIDs(p.Tags) }),
		custom(underParts, "parent_part.level", "parent_part.parts"),
		customFieldsFilter(func(p *Part) CustomFields { return p.CustomFields }),
	},
	clone: clonePart,
	seed: func(sd *seeds, n int) []Part {
		return generateParts(sd.opts.Seed, n, of[DevUser](sd, "dev-users"), of[Tag](sd, "tags"))
	},
	defaultCount: func(*seeds) int { return len(seedParts) },
}

var _ = serve(&parts)

func clonePart(p Part) Part {
	p.OwnedBy = append([]*UserSummary{}, p.OwnedBy...)
	p.Tags = slices.Clone(p.Tags)
	return p
}

// underParts selects the parts under one of parent_part.parts (a DON id or
// display id), at most parent_part.level levels down (1: children; absent:
// any depth).
func underParts(b *built[Part], r *request) (func(int) bool, *apiError) {
	if r.body != nil {
		if v, e := r.lookup("parent_part"); e != nil || v == nil {
			return nil, e
		}
	}
	ids, e := r.set("parent_part.parts", false)
	if e != nil {
		return nil, e
	}
	level, e := r.integer("parent_part.level")
	if e != nil {
		return nil, e
	}
	if r.body == nil && ids == nil && level == nil {
		return nil, nil
	}
	if len(ids) == 0 {
		return nil, errMissingField("parent_part.parts")
	}
	depth := len(b.items)
	if level != nil {
		if *level < 1 {
			return nil, errInvalidField("parent_part.level", "parent_part.level must be at least 1, got "+strconv.FormatInt(*level, 10))
		}
		depth = int(min(*level, int64(depth)))
	}
	byID := make(map[string]int, len(b.items))
	for i := range b.items {
		byID[b.items[i].ID] = i
	}
	parents := toSet(ids, normID)
	return func(i int) bool {
		for d, k := 0, i; d < depth; d++ {
			up, ok := byID[b.items[k].Parent]
			if !ok {
				return false
			}
			if parents.has(normID(b.items[up].ID)) || parents.has(normID(b.items[up].DisplayID)) {
				return true
			}
			k = up
		}
		return false
	}, nil
}
