package devrev

import "context"

// SLATracker is one of DevRev's SLA trackers (the spec's `sla-tracker`, an
// `atom-base`): where one ticket, issue, conversation or incident stands
// against its SLA, metric by metric. The spec gives the tracked object and
// the SLA policy as bare ids (`applies_to_id`, `sla_policy_id`), the SLA
// as an `sla-summary`.
type SLATracker struct {
	ID                    *string        `json:"id"`
	DisplayID             *string        `json:"display_id"`
	AppliesToID           *string        `json:"applies_to_id"`
	AppliesToType         *string        `json:"applies_to_type"`
	Stage                 *string        `json:"stage"`
	Status                *string        `json:"status"`
	SLA                   *SLAOfTracker  `json:"sla"`
	SLAPolicyID           *string        `json:"sla_policy_id"`
	MetricTargetSummaries []MetricTarget `json:"metric_target_summaries"`
	CreatedDate           *string        `json:"created_date"`
	ModifiedDate          *string        `json:"modified_date"`
	CreatedBy             *UserSummary   `json:"created_by"`
	ModifiedBy            *UserSummary   `json:"modified_by"`
}

// SLAOfTracker is the spec's `sla-summary`: the SLA a tracker measures
// against. (The name SLASummary is a work's `archetype-sla-summary`.)
type SLAOfTracker struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
	SLAType   *string `json:"sla_type"`
	Status    *string `json:"status"`
}

// MetricTarget is the spec's `archetype-metric-target`, the part a report
// reads: one metric of the SLA (first response, resolution, ...), its
// stage and when it breaches, breached or completed.
type MetricTarget struct {
	MetricDefinition       *MetricDefinition `json:"metric_definition"`
	Stage                  *string           `json:"stage"`
	Status                 *string           `json:"status"`
	TargetTime             *string           `json:"target_time"`
	WarningTargetTime      *string           `json:"warning_target_time"`
	BreachedAt             *string           `json:"breached_at"`
	CompletedAt            *string           `json:"completed_at"`
	CompletedIn            *int64            `json:"completed_in"`
	CompletedInSeconds     *int64            `json:"completed_in_seconds"`
	RemainingTime          *int64            `json:"remaining_time"`
	InPolicy               *bool             `json:"in_policy"`
	IsOutOfSchedule        *bool             `json:"is_out_of_schedule"`
	NextScheduleTransition *string           `json:"next_schedule_transition"`
}

// MetricDefinition is the spec's `metric-definition-summary`.
type MetricDefinition struct {
	ID        *string `json:"id"`
	DisplayID *string `json:"display_id"`
	Name      *string `json:"name"`
}

// SLATrackerFilter holds the filters of sla-trackers.list
// (`sla-trackers-list-request`), under the spec's names. Stage and status
// are free text in the spec. The dates are `date-time-filter`s.
type SLATrackerFilter struct {
	CreatedDate  *DateTimeFilter `json:"created_date,omitempty"`
	ModifiedDate *DateTimeFilter `json:"modified_date,omitempty"`
	Stage        []string        `json:"stage,omitempty"`
	Status       []string        `json:"status,omitempty"`
}

// MatchesNothing reports whether a set of the filter is empty.
func (f SLATrackerFilter) MatchesNothing() bool { return matchesNothing(f) }

// ListSLATrackersRequest is the body of POST /sla-trackers.list.
type ListSLATrackersRequest struct {
	SLATrackerFilter
	Paging
}

// The date ranges are also checked here, on each tracker's own dates, as
// for every list with date filters: the result is exact whether or not
// DevRev applied them.
var slaTrackers = newEndpoint[ListSLATrackersRequest]("/sla-trackers.list", "/sla-trackers.get", "sla_trackers", "sla_tracker",
	func(t *SLATracker) (*string, *string) { return t.ID, t.DisplayID }).
	dated((*ListSLATrackersRequest).dateRanges, nil)

// SLATrackersAPI declares SLA trackers for the provider.
var SLATrackersAPI = slaTrackers.api()

// ListSLATrackers reads every page (up to opts.Limit) into one window,
// without the trackers outside a date range the request has.
func (c *Client) ListSLATrackers(ctx context.Context, req ListSLATrackersRequest, opts ListOptions) (*Window[SLATracker], error) {
	return slaTrackers.read(ctx, c, req, opts)
}

// GetSLATracker reads one SLA tracker by its DON id or display id.
func (c *Client) GetSLATracker(ctx context.Context, id string) (*SLATracker, error) {
	return slaTrackers.getOne(ctx, c, id)
}

// dateRanges pairs each date filter with the date of a tracker it selects
// on.
func (f *SLATrackerFilter) dateRanges(t *SLATracker) []dateRange {
	return []dateRange{
		{"created_date", f.CreatedDate, t.CreatedDate},
		{"modified_date", f.ModifiedDate, t.ModifiedDate},
	}
}
