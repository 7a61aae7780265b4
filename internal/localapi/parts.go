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

// PartTypes is the spec's part-type enum.
var PartTypes = []string{"capability", "enhancement", "feature", "linkable", "product", "runnable"}

// Summary is the part-summary that a work's applies_to_part uses to refer
// to p.
func (p *Part) Summary() *PartSummary {
	return &PartSummary{ID: p.ID, DisplayID: p.DisplayID, Name: p.Name, Type: p.Type, OwnedBy: p.OwnedBy}
}

// partTable is the parts table with the values its filters read.
type partTable struct {
	*table
	items                                                    []Part
	typ, name, ownedBy, createdBy, modifiedBy, subtype, tags [][]string
	// ancestors holds, for each row, the ids (normalised, DON and display
	// id) of the part d+1 levels above it at index d.
	ancestors [][][]string
}

func newPartTable(in []Part) *partTable {
	x := &partTable{}
	x.table, x.items = newTable("/parts.list", in, []column[Part]{
		{"created_date", func(p *Part) string { return p.CreatedDate }},
		{"modified_date", func(p *Part) string { return p.ModifiedDate }},
		{"name", func(p *Part) string { return p.Name }},
	}, func(p *Part) string { return p.ID }, func(p *Part) string { return p.DisplayID }, clonePart, renderEach)
	byID := map[string]*Part{}
	for i := range x.items {
		byID[x.items[i].ID] = &x.items[i]
	}
	for i := range x.items {
		p := &x.items[i]
		x.typ = append(x.typ, one(p.Type))
		x.name = append(x.name, one(p.Name))
		x.ownedBy = append(x.ownedBy, userIDs(p.OwnedBy...))
		x.createdBy = append(x.createdBy, userIDs(p.CreatedBy))
		x.modifiedBy = append(x.modifiedBy, userIDs(p.ModifiedBy))
		x.subtype = append(x.subtype, one(p.Subtype))
		var tags []string
		for _, t := range p.Tags {
			if t.Tag != nil {
				tags = append(tags, normAll([]string{t.Tag.ID, t.Tag.DisplayID})...)
			}
		}
		x.tags = append(x.tags, tags)
		var up [][]string
		for a := byID[p.Parent]; a != nil && len(up) < len(x.items); a = byID[a.Parent] {
			up = append(up, normAll([]string{a.ID, a.DisplayID}))
		}
		x.ancestors = append(x.ancestors, up)
	}
	return x
}

func clonePart(p Part) Part {
	p.OwnedBy = append([]*UserSummary{}, p.OwnedBy...)
	p.Tags = slices.Clone(p.Tags)
	return p
}

// partFilter holds the filters of `parts-list-request` that the server
// implements (all but the date filters, custom_fields and enhancement).
type partFilter struct {
	Type       []string `json:"type"`
	CreatedBy  []string `json:"created_by"`
	ModifiedBy []string `json:"modified_by"`
	Name       []string `json:"name"`
	OwnedBy    []string `json:"owned_by"`
	ParentPart *struct {
		Level *int64   `json:"level"`
		Parts []string `json:"parts"`
	} `json:"parent_part"`
	Subtype []string `json:"subtype"`
	Tags    []string `json:"tags"`
}

func (x *partTable) compile(f *partFilter) (func(int) bool, *apiError) {
	if e := checkEnum("type", f.Type, PartTypes); e != nil {
		return nil, e
	}
	var ps predicates
	ps.addSet(toSet(f.Type, nil), x.typ)
	ps.addSet(toSet(f.Name, nil), x.name)
	ps.addSet(toSet(f.OwnedBy, normID), x.ownedBy)
	ps.addSet(toSet(f.CreatedBy, normID), x.createdBy)
	ps.addSet(toSet(f.ModifiedBy, normID), x.modifiedBy)
	ps.addSet(toSet(f.Subtype, nil), x.subtype)
	ps.addSet(toSet(f.Tags, normID), x.tags)
	if pp := f.ParentPart; pp != nil {
		// The spec's parent-part-filter: parts (required, at least one)
		// and level (at least 1). It selects the parts below those parts,
		// down to level levels; every level when level is absent.
		if len(pp.Parts) == 0 {
			return nil, errMissingField("parent_part.parts")
		}
		depth := len(x.items)
		if pp.Level != nil {
			if *pp.Level < 1 {
				return nil, errInvalidField("parent_part.level", "parent_part.level must be at least 1, got "+strconv.FormatInt(*pp.Level, 10))
			}
			depth = int(min(*pp.Level, int64(depth)))
		}
		parents := toSet(pp.Parts, normID)
		ps.add(func(i int) bool {
			for d, ids := range x.ancestors[i] {
				if d < depth && parents.hasAny(ids) {
					return true
				}
			}
			return false
		})
	}
	return ps.all(), nil
}

func (x *partTable) routes(add func(string, handler)) {
	add("/parts.list", listHandler(x.table, "parts", x.compile))
	add("/parts.get", getHandler(x.table, "part", "part"))
}
