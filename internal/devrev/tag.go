package devrev

import "context"

// Tag is DevRev's `tag` (an `atom-base`): a label objects carry, with the
// values it allows, if any.
type Tag struct {
	ID            *string      `json:"id"`
	DisplayID     *string      `json:"display_id"`
	Name          *string      `json:"name"`
	Description   *string      `json:"description"`
	AllowedValues []string     `json:"allowed_values"`
	CreatedDate   *string      `json:"created_date"`
	ModifiedDate  *string      `json:"modified_date"`
	CreatedBy     *UserSummary `json:"created_by"`
	ModifiedBy    *UserSummary `json:"modified_by"`
}

// TagFilter holds the filters of tags.list (`tags-list-request`): names.
// A nil set is left out of the request; an empty, non-nil one matches
// nothing (MatchesNothing).
type TagFilter struct {
	Name []string `json:"name,omitempty"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f TagFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListTagsRequest is the body of POST /tags.list.
type ListTagsRequest struct {
	TagFilter
	Paging
}

var tags = newEndpoint[ListTagsRequest]("/tags.list", "/tags.get", "tags", "tag",
	func(t *Tag) (*string, *string) { return t.ID, t.DisplayID })

// TagsAPI declares tags for the provider.
var TagsAPI = tags.api()

// ListTags reads every page (up to opts.Limit) into one window.
func (c *Client) ListTags(ctx context.Context, req ListTagsRequest, opts ListOptions) (*Window[Tag], error) {
	return listWindow(ctx, c, tags, req, opts)
}

// GetTag reads one tag by its DON id or display id (TAG-12).
func (c *Client) GetTag(ctx context.Context, id string) (*Tag, error) {
	return tags.getOne(ctx, c, id)
}
