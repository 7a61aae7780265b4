package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Tags (OpenAPI `tag`): devrev_tags and devrev_tag.

var tagObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:tag/12`.", func(t *devrev.Tag) *string { return t.ID }),
	stringField("display_id", "Human-readable id, such as `TAG-12`.", func(t *devrev.Tag) *string { return t.DisplayID }),
	stringField("name", "Name of the tag, unique in the Dev organization.", func(t *devrev.Tag) *string { return t.Name }),
	textField("description", "What the tag is for.", func(t *devrev.Tag) *string { return t.Description }),
	stringsField("allowed_values", "The values an object may give the tag; null or empty when the tag takes no value.", func(t *devrev.Tag) []string { return t.AllowedValues }),
	stringField("created_date", "When the tag was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(t *devrev.Tag) *string { return t.CreatedDate }),
	stringField("modified_date", "When the tag was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(t *devrev.Tag) *string { return t.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the tag.", func(t *devrev.Tag) *devrev.UserSummary { return t.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the tag.", func(t *devrev.Tag) *devrev.UserSummary { return t.ModifiedBy }),
)

var tagFilters = []filter[devrev.TagFilter]{
	setFilter("name", "Only tags with one of these names (exact; tag names are unique).", func(f *devrev.TagFilter) *[]string { return &f.Name }),
}

var tagsList = newListSpec(devrev.TagsAPI, &listSpec[devrev.TagFilter, devrev.ListTagsRequest, devrev.Tag]{
	description: "Lists DevRev tags that match the filters, such as a name,",
	sortFields:  "fields such as `name`, `created_date` and `modified_date`",
	object:      tagObject,
	filters:     tagFilters,
	request: func(f devrev.TagFilter, p devrev.Paging) devrev.ListTagsRequest {
		return devrev.ListTagsRequest{TagFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListTags,
})

var tagGet = newGetSpec(devrev.TagsAPI, &getSpec[devrev.Tag]{
	displayID: "TAG-12",
	don:       "don:core:dvrv-us-1:devo/0:tag/12",
	object:    tagObject,
	get:       (*devrev.Client).GetTag,
})

var _ = serve(tagsList, tagGet)
