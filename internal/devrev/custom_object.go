package devrev

import "context"

// CustomObject is one of the objects an organization defined itself (the
// spec's `custom-object`, an `atom-base`), of one leaf type. Its custom
// fields are not read here.
type CustomObject struct {
	ID                    *string       `json:"id"`
	DisplayID             *string       `json:"display_id"`
	LeafType              *string       `json:"leaf_type"`
	Title                 *string       `json:"title"`
	Subtype               *string       `json:"subtype"`
	CustomFields          CustomFields  `json:"custom_fields"`
	UniqueKey             *string       `json:"unique_key"`
	Stage                 *Stage        `json:"stage"`
	StockSchemaFragment   *string       `json:"stock_schema_fragment"`
	CustomSchemaFragments []string      `json:"custom_schema_fragments"`
	SyncMetadata          *SyncMetadata `json:"sync_metadata"`
	CreatedDate           *string       `json:"created_date"`
	ModifiedDate          *string       `json:"modified_date"`
	CreatedBy             *UserSummary  `json:"created_by"`
	ModifiedBy            *UserSummary  `json:"modified_by"`
}

// SyncMetadata is the part of the spec's `sync-metadata` a report reads:
// where a record synced into DevRev came from.
type SyncMetadata struct {
	ExternalRecordID   *string `json:"external_record_id"`
	ExternalRecordType *string `json:"external_record_type"`
	ExternalReference  *string `json:"external_reference"`
	OriginSystem       *string `json:"origin_system"`
}

// CustomObjectFilter is what custom-objects.list and custom-objects.count
// take besides paging: the leaf type, which the spec requires.
type CustomObjectFilter struct {
	LeafType string `json:"leaf_type"`
}

// MatchesNothing is false: the filter has no set.
func (f CustomObjectFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListCustomObjectsRequest is the body of POST /custom-objects.list.
type ListCustomObjectsRequest struct {
	CustomObjectFilter
	Paging
}

// custom-objects.list answers its objects under "result".
var customObjects = newEndpoint[ListCustomObjectsRequest]("/custom-objects.list", "/custom-objects.get", "result", "custom_object",
	func(o *CustomObject) (*string, *string) { return o.ID, o.DisplayID }).
	answeredAs("custom_objects").
	counted("/custom-objects.count", false)

// CustomObjectsAPI declares custom objects for the provider.
var CustomObjectsAPI = customObjects.api()

// ListCustomObjects reads every page (up to opts.Limit) of one leaf type's
// objects into one window.
func (c *Client) ListCustomObjects(ctx context.Context, req ListCustomObjectsRequest, opts ListOptions) (*Window[CustomObject], error) {
	return listWindow(ctx, c, customObjects, req, opts)
}

// GetCustomObject reads one custom object by its DON id or display id.
func (c *Client) GetCustomObject(ctx context.Context, id string) (*CustomObject, error) {
	return customObjects.getOne(ctx, c, id)
}
