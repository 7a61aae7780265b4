package devrev

import "context"

// Engagement is one engagement record (meeting, call, email, ...): DevRev's
// `engagement` (an `atom-base`) with the fields its create request sets.
type Engagement struct {
	ID             *string      `json:"id"`
	DisplayID      *string      `json:"display_id"`
	Title          *string      `json:"title"`
	Description    *string      `json:"description"`
	EngagementType *string      `json:"engagement_type"`
	CreatedDate    *string      `json:"created_date"`
	ModifiedDate   *string      `json:"modified_date"`
	ScheduledDate  *string      `json:"scheduled_date"`
	ExternalRef    *string      `json:"external_ref"`
	ExternalURL    *string      `json:"external_url"`
	CreatedBy      *UserSummary `json:"created_by"`
	ModifiedBy     *UserSummary `json:"modified_by"`
	// Parent and Members are what `engagements-create-request` sets; the
	// published `engagement` schema does not say how they come back, so
	// each decodes from summary objects or bare id strings (summary.go).
	Parent  *ObjectSummary `json:"parent"`
	Members []UserSummary  `json:"members"`
}

// EngagementTypes is the spec's `engagement-type` enum.
var EngagementTypes = []string{
	"call", "conversation", "custom", "default", "email",
	"linked_in", "meeting", "offline", "survey",
}

// EngagementFilter holds the filters that engagements.list and
// engagements.count share. A nil filter is left out of the request; an empty,
// non-nil one matches nothing (MatchesNothing).
type EngagementFilter struct {
	Type        []string `json:"type,omitempty"`
	ExternalRef []string `json:"external_ref,omitempty"`
	Members     []string `json:"members,omitempty"`
	Parent      []string `json:"parent,omitempty"`
}

// MatchesNothing reports whether a filter is an empty set, so that no
// engagement can match and no request needs to be sent.
func (f EngagementFilter) MatchesNothing() bool {
	return matchesNothing(f)
}

// ListEngagementsRequest is the body of POST /engagements.list.
type ListEngagementsRequest struct {
	EngagementFilter
	Paging
}

var engagements = newEndpoint[ListEngagementsRequest]("/engagements.list", "/engagements.get", "engagements", "engagement",
	func(e *Engagement) (*string, *string) { return e.ID, e.DisplayID })

// EngagementsAPI declares engagements for the provider.
var EngagementsAPI = engagements.api()

// ListEngagements reads every page (up to opts.Limit) into one window: in
// parallel parts when that gives exactly what one cursor chain gives
// (partition.go), otherwise as one chain.
func (c *Client) ListEngagements(ctx context.Context, req ListEngagementsRequest, opts ListOptions) (*Window[Engagement], error) {
	ctx, read := c.StartRead(ctx)
	defer read.End()
	if w, ok, err := c.listPartitioned(ctx, req, opts, c.maxInFlight); ok {
		return w, err
	}
	return c.listEngagementsChain(ctx, req, opts)
}

// GetEngagement reads one engagement by its DON id or display id.
func (c *Client) GetEngagement(ctx context.Context, id string) (*Engagement, error) {
	return engagements.getOne(ctx, c, id)
}

// CountEngagements counts the engagements that match filter, in one request
// (none when the filter matches nothing).
func (c *Client) CountEngagements(ctx context.Context, filter EngagementFilter) (int64, error) {
	if filter.MatchesNothing() {
		return 0, nil
	}
	resp, err := c.count(ctx, "/engagements.count", filter)
	if err != nil {
		return 0, err
	}
	return resp.Count, nil
}
