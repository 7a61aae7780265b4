package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Custom objects (OpenAPI `custom-object`): the objects an organization
// defined itself, each of a leaf type: devrev_custom_objects,
// devrev_custom_object and devrev_custom_objects_count. Their custom
// fields are not read here.

var syncMetadata = newObject(
	stringField("origin_system", "Where the record was first created.", func(s *devrev.SyncMetadata) *string { return s.OriginSystem }),
	stringField("external_record_id", "Id of the record in the external system.", func(s *devrev.SyncMetadata) *string { return s.ExternalRecordID }),
	stringField("external_record_type", "Type of the record in the external system.", func(s *devrev.SyncMetadata) *string { return s.ExternalRecordType }),
	stringField("external_reference", "Address of the record in the external system.", func(s *devrev.SyncMetadata) *string { return s.ExternalReference }),
)

var customObjectObject = newObject(
	customFieldsField(func(o *devrev.CustomObject) devrev.CustomFields { return o.CustomFields }),
	stringField("id", "Globally unique DevRev object id (DON) of the object.", func(o *devrev.CustomObject) *string { return o.ID }),
	stringField("display_id", "Human-readable id, with the prefix the organization chose for the leaf type, such as `CAMP-12`.", func(o *devrev.CustomObject) *string { return o.DisplayID }),
	stringField("leaf_type", "The object's type, as the organization named it (the `leaf_type` argument).", func(o *devrev.CustomObject) *string { return o.LeafType }),
	stringField("title", "Title of the object.", func(o *devrev.CustomObject) *string { return o.Title }),
	stringField("subtype", "Subtype of the object, if any.", func(o *devrev.CustomObject) *string { return o.Subtype }),
	stringField("unique_key", "The key that makes the object unique among its leaf type's, if it was given one.", func(o *devrev.CustomObject) *string { return o.UniqueKey }),
	objectField("stage", "The stage the object is in, and its state; null when DevRev does not say.", stageObject,
		func(o *devrev.CustomObject) *devrev.Stage { return o.Stage }),
	stringField("stock_schema_fragment", "Id of the leaf type's schema fragment.", func(o *devrev.CustomObject) *string { return o.StockSchemaFragment }),
	stringsField("custom_schema_fragments", "Ids of the custom schema fragments that apply to the object.", func(o *devrev.CustomObject) []string { return o.CustomSchemaFragments }),
	objectField("sync_metadata", "Where the object was synced from, for an object synced into DevRev; null otherwise.", syncMetadata,
		func(o *devrev.CustomObject) *devrev.SyncMetadata { return o.SyncMetadata }),
	stringField("created_date", "When the object was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(o *devrev.CustomObject) *string { return o.CreatedDate }),
	stringField("modified_date", "When the object was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(o *devrev.CustomObject) *string { return o.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the object.", func(o *devrev.CustomObject) *devrev.UserSummary { return o.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the object.", func(o *devrev.CustomObject) *devrev.UserSummary { return o.ModifiedBy }),
)

// customObjectFilters is what custom-objects.list and .count take: the
// leaf type, which the spec requires.
var customObjectFilters = []filter[devrev.CustomObjectFilter]{
	requiredFilter("leaf_type", "The leaf type whose objects to read, as the organization named it, such as `campaign`. "+
		"A leaf type without objects reads none.",
		func(f *devrev.CustomObjectFilter) *string { return &f.LeafType }),
}

var customObjectsList = newListSpec(devrev.CustomObjectsAPI, &listSpec[devrev.CustomObjectFilter, devrev.ListCustomObjectsRequest, devrev.CustomObject]{
	description: "Lists the custom objects of one leaf type, objects the organization defined itself,",
	sortFields:  "fields such as `created_date`, `modified_date` and `title`",
	object:      customObjectObject,
	filters:     customObjectFilters,
	request: func(f devrev.CustomObjectFilter, p devrev.Paging) devrev.ListCustomObjectsRequest {
		return devrev.ListCustomObjectsRequest{CustomObjectFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListCustomObjects,
})

var customObjectGet = newGetSpec(devrev.CustomObjectsAPI, &getSpec[devrev.CustomObject]{
	displayID: "CAMP-12",
	don:       "don:core:dvrv-us-1:devo/0:custom_object/12",
	object:    customObjectObject,
	get:       (*devrev.Client).GetCustomObject,
})

var _ = serve(customObjectsList, customObjectGet)
