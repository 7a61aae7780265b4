package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Parts (OpenAPI `part`: products, capabilities, features, enhancements,
// runnables, linkables): devrev_parts and devrev_part. One object serves
// every kind: the fields every part shares.

var partObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:product/12`.", func(p *devrev.Part) *string { return p.ID }),
	stringField("display_id", "Human-readable id, such as `PROD-12` or `CAPL-3`.", func(p *devrev.Part) *string { return p.DisplayID }),
	stringField("type", "Kind of part: `product`, `capability`, `feature`, `enhancement`, `runnable` or `linkable`.", func(p *devrev.Part) *string { return p.Type }),
	stringField("name", "Name of the part.", func(p *devrev.Part) *string { return p.Name }),
	textField("description", "Description of the part.", func(p *devrev.Part) *string { return p.Description }),
	stringField("subtype", "Subtype of the part (its custom type), if any.", func(p *devrev.Part) *string { return p.Subtype }),
	refsField(userRefs, "owned_by_ids", "The users who own the part.", func(p *devrev.Part) []devrev.UserSummary { return p.OwnedBy }),
	objectListField("tags", "Tags on the part, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(p *devrev.Part) []devrev.TagWithValue { return p.Tags }),
	stringField("created_date", "When the part was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(p *devrev.Part) *string { return p.CreatedDate }),
	stringField("modified_date", "When the part was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(p *devrev.Part) *string { return p.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the part.", func(p *devrev.Part) *devrev.UserSummary { return p.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the part.", func(p *devrev.Part) *devrev.UserSummary { return p.ModifiedBy }),
	customFieldsField(func(p *devrev.Part) devrev.CustomFields { return p.CustomFields }),
)

// parentPart reaches the nested `parent_part` filter, made when the first
// of its arguments is set (filters.go calls dst only for a configured
// value), so that an unset one is left out of the request body.
func parentPart(f *devrev.PartFilter) *devrev.ParentPartFilter {
	if f.ParentPart == nil {
		f.ParentPart = &devrev.ParentPartFilter{}
	}
	return f.ParentPart
}

var partFilters = []filter[devrev.PartFilter]{
	setFilter("name", "Only parts with one of these names (exact).", func(f *devrev.PartFilter) *[]string { return &f.Name }),
	setFilter("type", "Only parts of these kinds: `capability`, `enhancement`, `feature`, `linkable`, `product`, `runnable`.",
		func(f *devrev.PartFilter) *[]string { return &f.Type }, stringvalidator.OneOf(devrev.PartTypes...)),
	setFilter("parent_part", "Only parts below one of these parts in the part hierarchy (ids such as `PROD-12`): "+
		"their children, and theirs, down to `parent_part_level` levels; sent as `parent_part.parts`. "+
		"DevRev's part object does not name its parent: this filter is how to read the hierarchy.",
		func(f *devrev.PartFilter) *[]string { return &parentPart(f).Parts }),
	intFilter("parent_part_level", "How many levels below `parent_part` to read (at least 1; `1` is the parts' children); "+
		"sent as `parent_part.level`, and only with `parent_part`. Unset, no level is sent and DevRev's default depth applies.",
		func(f *devrev.PartFilter) **int { return &parentPart(f).Level },
		int64validator.AtLeast(1), int64validator.AlsoRequires(path.MatchRoot("parent_part"))),
	setFilter("owned_by", "Only parts owned by one of these users (ids such as `DEVU-12`).", func(f *devrev.PartFilter) *[]string { return &f.OwnedBy }),
	setFilter("created_by", "Only parts created by one of these users (ids such as `DEVU-12`).", func(f *devrev.PartFilter) *[]string { return &f.CreatedBy }),
	setFilter("modified_by", "Only parts last modified by one of these users (ids such as `DEVU-12`).", func(f *devrev.PartFilter) *[]string { return &f.ModifiedBy }),
	setFilter("tags", "Only parts with one of these tags (tag ids such as `TAG-12`, or `devrev_tags`' `ids`).", func(f *devrev.PartFilter) *[]string { return &f.Tags }),
	setFilter("subtype", "Only parts of these subtypes.", func(f *devrev.PartFilter) *[]string { return &f.Subtype }),
	customFieldFilter("parts", func(f *devrev.PartFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
}

var partsList = newListSpec(devrev.PartsAPI, &listSpec[devrev.PartFilter, devrev.ListPartsRequest, devrev.Part]{
	description: "Lists DevRev parts (products, capabilities, features, enhancements, ...) that match the filters, such as a name,",
	sortFields:  "fields such as `name`, `created_date` and `modified_date`",
	object:      partObject,
	filters:     partFilters,
	request: func(f devrev.PartFilter, p devrev.Paging) devrev.ListPartsRequest {
		return devrev.ListPartsRequest{PartFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListParts,
})

var partGet = newGetSpec(devrev.PartsAPI, &getSpec[devrev.Part]{
	displayID: "PROD-12",
	don:       "don:core:dvrv-us-1:devo/0:product/12",
	object:    partObject,
	get:       (*devrev.Client).GetPart,
})

var partSummary = newObject(
	stringField("id", "DevRev object id of the part.", func(p *devrev.PartSummary) *string { return p.ID }),
	stringField("display_id", "Human-readable id of the part, such as `PROD-1`.", func(p *devrev.PartSummary) *string { return p.DisplayID }),
	stringField("name", "Name of the part.", func(p *devrev.PartSummary) *string { return p.Name }),
	stringField("type", "Kind of part: `product`, `capability`, `feature`, `enhancement`, ...", func(p *devrev.PartSummary) *string { return p.Type }),
)

var partRefs = newRefKind("parts", "parts", partSummary, func(p *devrev.PartSummary) *string { return p.ID })

var _ = serve(partsList, partGet)
