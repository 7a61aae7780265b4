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
//
// CreatedDate and ModifiedDate are ranges that neither request has: they are
// never sent. The client reads engagements sorted by the ranged date, keeps
// those in range and stops at the first page past it (dateOrder).
type EngagementFilter struct {
	Type         []string        `json:"type,omitempty"`
	ExternalRef  []string        `json:"external_ref,omitempty"`
	Members      []string        `json:"members,omitempty"`
	Parent       []string        `json:"parent,omitempty"`
	CreatedDate  *DateTimeFilter `json:"-"`
	ModifiedDate *DateTimeFilter `json:"-"`
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
	func(e *Engagement) (*string, *string) { return e.ID, e.DisplayID }).
	counted("/engagements.count", false).
	dated((*ListEngagementsRequest).dateRanges, (*ListEngagementsRequest).dateOrder).
	partitioned(partitioning[ListEngagementsRequest, Engagement]{
		filter: "type", values: EngagementTypes,
		set:   func(r *ListEngagementsRequest) *[]string { return &r.Type },
		value: func(e *Engagement) *string { return e.EngagementType },
		dates: engagementDates,
	})

// engagementDates are the dates engagements sort by.
var engagementDates = sortDates[Engagement]{
	"created_date":  func(e *Engagement) *string { return e.CreatedDate },
	"modified_date": func(e *Engagement) *string { return e.ModifiedDate },
}

// EngagementsAPI declares engagements for the provider.
var EngagementsAPI = engagements.api()

// ListEngagements reads every page (up to opts.Limit) into one window: in
// parallel parts by type when that gives exactly what one cursor chain
// gives (partition.go), otherwise as one chain. A read with a date range is
// one chain, sorted by the ranged date unless req sorts already (dateOrder);
// opts.Limit then counts engagements in the range.
func (c *Client) ListEngagements(ctx context.Context, req ListEngagementsRequest, opts ListOptions) (*Window[Engagement], error) {
	return engagements.read(ctx, c, req, opts)
}

// GetEngagement reads one engagement by its DON id or display id.
func (c *Client) GetEngagement(ctx context.Context, id string) (*Engagement, error) {
	return engagements.getOne(ctx, c, id)
}

// dateRanges pairs each date range with the date of an engagement it
// selects on.
func (f *EngagementFilter) dateRanges(e *Engagement) []dateRange {
	return []dateRange{
		{"created_date", f.CreatedDate, e.CreatedDate},
		{"modified_date", f.ModifiedDate, e.ModifiedDate},
	}
}

// dateOrder is the sort of a read with a date range, and the order its
// cutoff follows. Without a sort_by, the read is sorted by the ranged date
// (created_date when both are) so that it goes from the newest engagements
// to the oldest when the range has an after bound, and stops there, else
// from the oldest to the newest, stopping at before: newest first in mode
// "after", oldest first in mode "before" (which reads from the end), or
// the other way round. That sort_by is added to the request. A sort_by whose first key
// is a ranged date keeps its order and stops at the bound it moves towards,
// if set. Any other sort_by has no cutoff (nil): the whole list is read and
// filtered.
func (r *ListEngagementsRequest) dateOrder() *dateOrder[Engagement] {
	bounds := map[string]*DateTimeFilter{"created_date": r.CreatedDate, "modified_date": r.ModifiedDate}
	if len(r.SortBy) == 0 {
		name := "created_date"
		if r.CreatedDate == nil {
			name = "modified_date"
		}
		b := bounds[name]
		desc := (b.After != "") != (r.Mode == ModeBefore)
		r.SortBy = []string{name + ":" + map[bool]string{true: "desc", false: "asc"}[desc]}
		return &dateOrder[Engagement]{name: name, date: engagementDates[name], bounds: *b, desc: desc}
	}
	order, err := parseSortOrder(r.SortBy, engagementDates)
	if err != nil || bounds[order[0].name] == nil {
		return nil
	}
	return &dateOrder[Engagement]{name: order[0].name, date: order[0].date, bounds: *bounds[order[0].name], desc: order[0].desc}
}
