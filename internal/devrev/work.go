package devrev

import (
	"context"
	"encoding/json"
	"fmt"
)

// Work is one of DevRev's works (the spec's `work`: a `ticket`, `issue`,
// `task` or `opportunity`, told apart by Type), decoded into one struct:
// the fields every work shares (`work-base`) and the fields of each kind,
// nil where the kind has none. Decoding is lenient: a kind this provider
// does not know, or fields it does not read, still decode.
type Work struct {
	ID              *string        `json:"id"`
	DisplayID       *string        `json:"display_id"`
	Type            *string        `json:"type"`
	Title           *string        `json:"title"`
	Body            *string        `json:"body"`
	Subtype         *string        `json:"subtype"`
	ExternalRef     *string        `json:"external_ref"`
	CreatedDate     *string        `json:"created_date"`
	ModifiedDate    *string        `json:"modified_date"`
	TargetCloseDate *string        `json:"target_close_date"`
	ActualCloseDate *string        `json:"actual_close_date"`
	CreatedBy       *UserSummary   `json:"created_by"`
	ModifiedBy      *UserSummary   `json:"modified_by"`
	OwnedBy         []UserSummary  `json:"owned_by"`
	ReportedBy      []UserSummary  `json:"reported_by"`
	AppliesToPart   *PartSummary   `json:"applies_to_part"`
	Stage           *WorkStage     `json:"stage"`
	Tags            []TagWithValue `json:"tags"`
	CustomFields    CustomFields   `json:"custom_fields"`

	// Tickets and opportunities.
	Account *ObjectSummary `json:"account"`
	// Tickets.
	Severity      *string        `json:"severity"`
	RevOrg        *ObjectSummary `json:"rev_org"`
	Group         *GroupSummary  `json:"group"`
	Channels      []string       `json:"channels"`
	NeedsResponse *bool          `json:"needs_response"`
	IsSpam        *bool          `json:"is_spam"`
	SLASummary    *SLASummary    `json:"sla_summary"`
	// Issues.
	Priority        *string        `json:"priority"`
	Sprint          *SprintSummary `json:"sprint"`
	TargetStartDate *string        `json:"target_start_date"`
	ActualStartDate *string        `json:"actual_start_date"`
	// Opportunities.
	Value               *Money `json:"value"`
	AnnualContractValue *Money `json:"annual_contract_value"`
}

// WorkTypes is the spec's `work-type` enum.
var WorkTypes = []string{"issue", "opportunity", "task", "ticket"}

// TicketSeverities and IssuePriorities are the spec's `ticket-severity` and
// `issue-priority` enums.
var (
	TicketSeverities = []string{"blocker", "high", "low", "medium"}
	IssuePriorities  = []string{"p0", "p1", "p2", "p3"}
)

// PartSummary is the spec's `part-summary` (the part a work applies to).
type PartSummary struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
	Type      *string `json:"type"`
}

// WorkStage is the spec's `legacy-stage`: the stage a work is in, with
// the state that stage belongs to.
type WorkStage struct {
	Name  *string    `json:"name"`
	State *WorkState `json:"state"`
}

// WorkState is the spec's `custom-state-summary` ("open", "in_progress",
// "closed" in a default organization).
type WorkState struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
	IsFinal   *bool   `json:"is_final"`
}

// GroupSummary is the spec's `group-summary`.
type GroupSummary struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
}

// SLASummary is the part of the spec's `archetype-sla-summary` a report
// reads: the stage of the metric closest to breach, and when it breaches.
type SLASummary struct {
	Stage      *string `json:"stage"`
	TargetTime *string `json:"target_time"`
}

// SprintSummary is the spec's `vista-group-item-summary`.
type SprintSummary struct {
	ID        *string `json:"id"`
	Name      *string `json:"name"`
	StartDate *string `json:"start_date"`
	EndDate   *string `json:"end_date"`
}

// Money is the spec's `money`. Amount is a string in the spec; a server
// that sends a number is read as the number's JSON text.
type Money struct {
	Amount   *FlexString `json:"amount"`
	Currency *string     `json:"currency"`
}

// FlexString is a string the API may send as a JSON string or number.
type FlexString string

// UnmarshalJSON accepts a string or any other JSON scalar (kept as its text).
func (s *FlexString) UnmarshalJSON(data []byte) error {
	var str string
	if err := json.Unmarshal(data, &str); err == nil {
		*s = FlexString(str)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("not a string or number: %s", excerpt(data))
	}
	*s = FlexString(n.String())
	return nil
}

// WorkFilter holds the filters works.list and works.count share
// (`works-list-request`, `works-count-request`), under the spec's names:
// the kind-specific ones nest as `ticket.severity`, `issue.priority` and
// `stage.name`. A nil filter is left out; an empty, non-nil set matches
// nothing.
type WorkFilter struct {
	Type            []string           `json:"type,omitempty"`
	ActualCloseDate *DateFilter        `json:"actual_close_date,omitempty"`
	AppliesToPart   []string           `json:"applies_to_part,omitempty"`
	CreatedBy       []string           `json:"created_by,omitempty"`
	CreatedDate     *DateFilter        `json:"created_date,omitempty"`
	CustomFields    CustomFieldFilter  `json:"custom_fields,omitempty"`
	Issue           *IssueFilter       `json:"issue,omitempty"`
	ModifiedDate    *DateFilter        `json:"modified_date,omitempty"`
	Opportunity     *OpportunityFilter `json:"opportunity,omitempty"`
	OwnedBy         []string           `json:"owned_by,omitempty"`
	ReportedBy      []string           `json:"reported_by,omitempty"`
	Stage           *StageFilter       `json:"stage,omitempty"`
	State           []string           `json:"state,omitempty"`
	Tags            []string           `json:"tags,omitempty"`
	TargetCloseDate *DateFilter        `json:"target_close_date,omitempty"`
	Ticket          *TicketFilter      `json:"ticket,omitempty"`
}

// TicketFilter is the spec's `works-filter-ticket`, the part the provider
// uses.
type TicketFilter struct {
	Account       []string `json:"account,omitempty"`
	Group         []string `json:"group,omitempty"`
	IsSpam        *bool    `json:"is_spam,omitempty"`
	NeedsResponse *bool    `json:"needs_response,omitempty"`
	RevOrg        []string `json:"rev_org,omitempty"`
	Severity      []string `json:"severity,omitempty"`
	Subtype       []string `json:"subtype,omitempty"`
}

// IssueFilter is the spec's `works-filter-issue`, the part the provider
// uses.
type IssueFilter struct {
	Accounts []string `json:"accounts,omitempty"`
	Priority []string `json:"priority,omitempty"`
	RevOrgs  []string `json:"rev_orgs,omitempty"`
	Subtype  []string `json:"subtype,omitempty"`
}

// OpportunityFilter is the spec's `works-filter-opportunity`, the part the
// provider uses.
type OpportunityFilter struct {
	Subtype []string `json:"subtype,omitempty"`
}

// StageFilter is the spec's `stage-filter`: stages by name.
type StageFilter struct {
	Name []string `json:"name,omitempty"`
}

// DateFilter is the spec's `date-filter` of works and meetings, a
// discriminated union:
// the provider sends its `range` form (a `date-time-filter` with
// `"type": "range"`).
type DateFilter struct {
	Type string `json:"type"`
	DateTimeFilter
}

// Range is d as a `date-filter`; nil stays nil.
func Range(d *DateTimeFilter) *DateFilter {
	if d == nil {
		return nil
	}
	return &DateFilter{Type: "range", DateTimeFilter: *d}
}

// MatchesNothing reports whether a set of the filter is empty.
func (f WorkFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListWorksRequest is the body of POST /works.list.
type ListWorksRequest struct {
	WorkFilter
	Paging
}

var works = newEndpoint[ListWorksRequest]("/works.list", "/works.get", "works", "work",
	func(w *Work) (*string, *string) { return w.ID, w.DisplayID }).
	counted("/works.count", true).
	dated((*ListWorksRequest).dateRanges, nil).
	partitioned(partitioning[ListWorksRequest, Work]{
		filter: "type", values: WorkTypes,
		set:   func(r *ListWorksRequest) *[]string { return &r.Type },
		value: func(w *Work) *string { return w.Type },
		dates: sortDates[Work]{
			"created_date":  func(w *Work) *string { return w.CreatedDate },
			"modified_date": func(w *Work) *string { return w.ModifiedDate },
		},
	})

// WorksAPI declares works for the provider.
var WorksAPI = works.api()

// ListWorks reads every page (up to opts.Limit) into one window: in
// parallel parts by type when that gives exactly what one cursor chain
// gives (partition.go), otherwise as one chain. The date filters are also
// applied here, to each work's own dates: DevRev does not honour them on
// works.list for every organization (../shared/devrev-api/SOURCES.md), and
// a work outside a range the user asked for must not reach the result.
// opts.Limit counts the works kept, and the cursors stay exact (pages).
func (c *Client) ListWorks(ctx context.Context, req ListWorksRequest, opts ListOptions) (*Window[Work], error) {
	return works.read(ctx, c, req, opts)
}

// GetWork reads one work by its DON id or display id (TKT-12, ISS-7).
func (c *Client) GetWork(ctx context.Context, id string) (*Work, error) {
	return works.getOne(ctx, c, id)
}

// dateRanges pairs each date filter with the date of a work it selects on.
func (f *WorkFilter) dateRanges(w *Work) []dateRange {
	return []dateRange{
		{"created_date", f.CreatedDate.bounds(), w.CreatedDate},
		{"modified_date", f.ModifiedDate.bounds(), w.ModifiedDate},
		{"target_close_date", f.TargetCloseDate.bounds(), w.TargetCloseDate},
		{"actual_close_date", f.ActualCloseDate.bounds(), w.ActualCloseDate},
	}
}
