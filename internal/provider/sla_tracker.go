package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// SLA trackers (OpenAPI `sla-tracker`): devrev_sla_trackers and
// devrev_sla_tracker. A tracker says where one ticket, issue, conversation
// or incident stands against its SLA; the SLAs, few and named by every
// tracker, are summarized in the data sources' `slas` map.

var slaOfTracker = newObject(
	stringField("id", "DevRev object id of the SLA.", func(s *devrev.SLAOfTracker) *string { return s.ID }),
	stringField("display_id", "Human-readable id of the SLA.", func(s *devrev.SLAOfTracker) *string { return s.DisplayID }),
	stringField("name", "Name of the SLA.", func(s *devrev.SLAOfTracker) *string { return s.Name }),
	stringField("sla_type", "Whether the SLA is an `external` one (with customers) or an `internal` one.", func(s *devrev.SLAOfTracker) *string { return s.SLAType }),
	stringField("status", "Status of the SLA: `draft`, `published` or `archived`.", func(s *devrev.SLAOfTracker) *string { return s.Status }),
)

var slaRefs = newRefKind("slas", "SLAs", slaOfTracker, func(s *devrev.SLAOfTracker) *string { return s.ID })

// metricDefinition stays nested: metric definitions have no data source,
// and a tracker names each once.
var metricDefinition = newObject(
	stringField("id", "DevRev object id of the metric.", func(m *devrev.MetricDefinition) *string { return m.ID }),
	stringField("display_id", "Human-readable id of the metric.", func(m *devrev.MetricDefinition) *string { return m.DisplayID }),
	stringField("name", "Name of the metric, such as `First response time`.", func(m *devrev.MetricDefinition) *string { return m.Name }),
)

var metricTarget = newObject(
	objectField("metric_definition", "The metric.", metricDefinition, func(m *devrev.MetricTarget) *devrev.MetricDefinition { return m.MetricDefinition }),
	stringField("stage", "Stage of the metric, such as `running`, `warning`, `paused`, `breached` or `completed`, as DevRev sent it.", func(m *devrev.MetricTarget) *string { return m.Stage }),
	stringField("status", "Whether the metric was ever breached, or else whether it is completed or in progress, as DevRev sent it.", func(m *devrev.MetricTarget) *string { return m.Status }),
	stringField("target_time", "When the metric breaches if nothing is done, an RFC 3339 timestamp exactly as DevRev sent it.", func(m *devrev.MetricTarget) *string { return m.TargetTime }),
	stringField("warning_target_time", "When the metric reaches its warning limit if nothing is done.", func(m *devrev.MetricTarget) *string { return m.WarningTargetTime }),
	stringField("breached_at", "When a breached metric breached; null for one that has not.", func(m *devrev.MetricTarget) *string { return m.BreachedAt }),
	stringField("completed_at", "When the metric was completed; null while it is not.", func(m *devrev.MetricTarget) *string { return m.CompletedAt }),
	int64Field("completed_in", "For a completed metric, the minutes it took, in the schedule's hours if it has one.", func(m *devrev.MetricTarget) *int64 { return m.CompletedIn }),
	int64Field("completed_in_seconds", "For a completed metric, the seconds it took, in the schedule's hours if it has one.", func(m *devrev.MetricTarget) *int64 { return m.CompletedInSeconds }),
	int64Field("remaining_time", "For a paused metric, the minutes it has left.", func(m *devrev.MetricTarget) *int64 { return m.RemainingTime }),
	boolField("in_policy", "Whether the metric is part of the policy that applies.", func(m *devrev.MetricTarget) *bool { return m.InPolicy }),
	boolField("is_out_of_schedule", "Whether the metric's schedule is outside its hours at the time of the read; null for a completed metric.", func(m *devrev.MetricTarget) *bool { return m.IsOutOfSchedule }),
	stringField("next_schedule_transition", "When the metric's schedule next goes in or out of its hours, if known.", func(m *devrev.MetricTarget) *string { return m.NextScheduleTransition }),
)

var slaTrackerObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON) of the tracker.", func(t *devrev.SLATracker) *string { return t.ID }),
	stringField("display_id", "Human-readable id of the tracker.", func(t *devrev.SLATracker) *string { return t.DisplayID }),
	stringField("applies_to_id", "Id (DON) of the object whose SLA is tracked, a ticket, issue, conversation or incident (`applies_to_type`): "+
		"DevRev gives the id alone, without a summary; it is the object's `id` in `devrev_works` (tickets, issues) and the other lists.",
		func(t *devrev.SLATracker) *string { return t.AppliesToID }),
	stringField("applies_to_type", "Kind of the tracked object: `conversation`, `incident`, `issue` or `ticket`.", func(t *devrev.SLATracker) *string { return t.AppliesToType }),
	stringField("stage", "SLA stage of the tracked object (the `stage` filter's values), such as `running`, `warning`, `paused`, `breached` or `completed`, as DevRev sent it.",
		func(t *devrev.SLATracker) *string { return t.Stage }),
	stringField("status", "Whether the SLA was ever breached, or else whether it is completed or in progress (the `status` filter's values), as DevRev sent it; null when no policy applies.",
		func(t *devrev.SLATracker) *string { return t.Status }),
	refField(slaRefs, "sla_id", "The SLA the object is tracked against.", func(t *devrev.SLATracker) *devrev.SLAOfTracker { return t.SLA }),
	stringField("sla_policy_id", "Id of the SLA's policy that applies, which DevRev gives alone (policies have no data source); null when none applies at the moment.",
		func(t *devrev.SLATracker) *string { return t.SLAPolicyID }),
	objectListField("metric_target_summaries", "Each metric of the SLA (first response, resolution, ...) with its stage and times.", metricTarget,
		func(t *devrev.SLATracker) []devrev.MetricTarget { return t.MetricTargetSummaries }),
	stringField("created_date", "When the tracker was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(t *devrev.SLATracker) *string { return t.CreatedDate }),
	stringField("modified_date", "When the tracker was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(t *devrev.SLATracker) *string { return t.ModifiedDate }),
	refField(userRefs, "created_by_id", "The user who created the tracker.", func(t *devrev.SLATracker) *devrev.UserSummary { return t.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the tracker.", func(t *devrev.SLATracker) *devrev.UserSummary { return t.ModifiedBy }),
)

// slaTrackerDatesNote is how the date filters are made exact, said in each.
const slaTrackerDatesNote = " The provider also checks each tracker's own date and leaves out those outside the range: the result is exact " +
	"whether or not DevRev applied the filter."

// slaTrackerFilters are sent under the spec's names. The spec gives stage
// and status as free text, not enums: they are not validated.
var slaTrackerFilters = []filter[devrev.SLATrackerFilter]{
	setFilter("stage", "Only trackers in one of these SLA stages, such as `breached`, `warning`, `paused`, `running` or `completed`.",
		func(f *devrev.SLATrackerFilter) *[]string { return &f.Stage }),
	setFilter("status", "Only trackers of one of these statuses (whether the SLA was ever breached, or else completed or in progress), as DevRev names them.",
		func(f *devrev.SLATrackerFilter) *[]string { return &f.Status }),
	dateFilter("created_date", "Only trackers created in this range."+slaTrackerDatesNote,
		func(f *devrev.SLATrackerFilter) **devrev.DateTimeFilter { return &f.CreatedDate }),
	dateFilter("modified_date", "Only trackers last modified in this range."+slaTrackerDatesNote,
		func(f *devrev.SLATrackerFilter) **devrev.DateTimeFilter { return &f.ModifiedDate }),
}

var slaTrackersList = newListSpec(devrev.SLATrackersAPI, &listSpec[devrev.SLATrackerFilter, devrev.ListSLATrackersRequest, devrev.SLATracker]{
	description: "Lists DevRev's SLA trackers, where each ticket, issue, conversation or incident stands against its SLA, that match the filters, such as a stage,",
	sortFields:  "fields such as `created_date` and `modified_date`",
	object:      slaTrackerObject,
	filters:     slaTrackerFilters,
	request: func(f devrev.SLATrackerFilter, p devrev.Paging) devrev.ListSLATrackersRequest {
		return devrev.ListSLATrackersRequest{SLATrackerFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListSLATrackers,
})

var slaTrackerGet = newGetSpec(devrev.SLATrackersAPI, &getSpec[devrev.SLATracker]{
	displayID: "SLAT-12",
	don:       "don:core:dvrv-us-1:devo/0:sla_tracker/12",
	object:    slaTrackerObject,
	get:       (*devrev.Client).GetSLATracker,
})

var _ = serve(slaTrackersList, slaTrackerGet)
