package devrev

import "context"

// Part is DevRev's `part`: a product, capability, feature, enhancement,
// runnable or linkable, told apart by Type, decoded into one struct: the
// fields every part shares (`part-base`, an `atom-base`). The spec gives a
// part no parent and no level: the hierarchy is read with the
// `parent_part` filter of parts.list.
type Part struct {
	ID           *string        `json:"id"`
	DisplayID    *string        `json:"display_id"`
	Type         *string        `json:"type"`
	Name         *string        `json:"name"`
	Description  *string        `json:"description"`
	Subtype      *string        `json:"subtype"`
	CreatedDate  *string        `json:"created_date"`
	ModifiedDate *string        `json:"modified_date"`
	CreatedBy    *UserSummary   `json:"created_by"`
	ModifiedBy   *UserSummary   `json:"modified_by"`
	OwnedBy      []UserSummary  `json:"owned_by"`
	Tags         []TagWithValue `json:"tags"`
	CustomFields CustomFields   `json:"custom_fields"`
}

// PartTypes is the spec's `part-type` enum.
var PartTypes = []string{"capability", "enhancement", "feature", "linkable", "product", "runnable"}

// PartFilter holds the filters of parts.list (`parts-list-request`) that
// the provider uses, under the spec's names. A nil set is left out of the
// request; an empty, non-nil one matches nothing (MatchesNothing), the
// parent part's `parts` included.
type PartFilter struct {
	Type         []string          `json:"type,omitempty"`
	CreatedBy    []string          `json:"created_by,omitempty"`
	CustomFields CustomFieldFilter `json:"custom_fields,omitempty"`
	ModifiedBy   []string          `json:"modified_by,omitempty"`
	Name         []string          `json:"name,omitempty"`
	OwnedBy      []string          `json:"owned_by,omitempty"`
	ParentPart   *ParentPartFilter `json:"parent_part,omitempty"`
	Subtype      []string          `json:"subtype,omitempty"`
	Tags         []string          `json:"tags,omitempty"`
}

// ParentPartFilter is the spec's `parent-part-filter`: the parts below
// Parts in the part hierarchy, down to Level levels (every level when
// nil).
type ParentPartFilter struct {
	Level *int     `json:"level,omitempty"`
	Parts []string `json:"parts"`
}

// MatchesNothing reports whether one of the filter's sets is empty.
func (f PartFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListPartsRequest is the body of POST /parts.list.
type ListPartsRequest struct {
	PartFilter
	Paging
}

var parts = newEndpoint[ListPartsRequest]("/parts.list", "/parts.get", "parts", "part",
	func(p *Part) (*string, *string) { return p.ID, p.DisplayID })

// PartsAPI declares parts for the provider.
var PartsAPI = parts.api()

// ListParts reads every page (up to opts.Limit) into one window.
func (c *Client) ListParts(ctx context.Context, req ListPartsRequest, opts ListOptions) (*Window[Part], error) {
	return listWindow(ctx, c, parts, req, opts)
}

// GetPart reads one part by its DON id or display id (PROD-12).
func (c *Client) GetPart(ctx context.Context, id string) (*Part, error) {
	return parts.getOne(ctx, c, id)
}
