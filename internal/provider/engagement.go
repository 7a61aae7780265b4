package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Engagements (OpenAPI `engagement`): devrev_engagements,
// devrev_engagement and devrev_engagements_count.

var engagementObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:engagement/123`.", func(e *devrev.Engagement) *string { return e.ID }),
	stringField("display_id", "Human-readable id unique to the Dev organization, such as `ENGM-123`.", func(e *devrev.Engagement) *string { return e.DisplayID }),
	stringField("title", "Title of the engagement.", func(e *devrev.Engagement) *string { return e.Title }),
	textField("description", "Description of the engagement.", func(e *devrev.Engagement) *string { return e.Description }),
	stringField("engagement_type", "Type of the engagement: `call`, `conversation`, `custom`, `default`, `email`, `linked_in`, `meeting`, `offline` or `survey`.", func(e *devrev.Engagement) *string { return e.EngagementType }),
	stringField("created_date", "When the engagement was created, an RFC 3339 timestamp exactly as DevRev sent it (with or without milliseconds).", func(e *devrev.Engagement) *string { return e.CreatedDate }),
	stringField("modified_date", "When the engagement was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(e *devrev.Engagement) *string { return e.ModifiedDate }),
	stringField("scheduled_date", "When the engagement is or was scheduled, an RFC 3339 timestamp exactly as DevRev sent it; null when not scheduled.", func(e *devrev.Engagement) *string { return e.ScheduledDate }),
	stringField("external_ref", "Reference of the engagement in an external system (a calendar event id, say).", func(e *devrev.Engagement) *string { return e.ExternalRef }),
	stringField("external_url", "URL of the engagement in an external system.", func(e *devrev.Engagement) *string { return e.ExternalURL }),
	refField(userRefs, "created_by_id", "The user who created the engagement.", func(e *devrev.Engagement) *devrev.UserSummary { return e.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the engagement.", func(e *devrev.Engagement) *devrev.UserSummary { return e.ModifiedBy }),
	refField(parentRefs, "parent_id", "The account or opportunity the engagement belongs to.", func(e *devrev.Engagement) *devrev.ObjectSummary { return e.Parent }),
	refsField(userRefs, "member_ids", "The users who took part.", func(e *devrev.Engagement) []devrev.UserSummary { return e.Members }),
)

// engagementFilters are the filters engagements.list and engagements.count
// share.
var engagementFilters = []filter[devrev.EngagementFilter]{
	setFilter("type", "Only engagements of these types: `call`, `conversation`, `custom`, `default`, `email`, `linked_in`, `meeting`, `offline`, `survey`.",
		func(f *devrev.EngagementFilter) *[]string { return &f.Type }, stringvalidator.OneOf(devrev.EngagementTypes...)),
	setFilter("external_ref", "Only engagements with one of these external references.",
		func(f *devrev.EngagementFilter) *[]string { return &f.ExternalRef }),
	setFilter("members", "Only engagements with one of these members (user ids such as `DEVU-12345`, or `devrev_dev_users`' `ids`).",
		func(f *devrev.EngagementFilter) *[]string { return &f.Members }),
	setFilter("parent", "Only engagements with one of these parents (account or opportunity ids such as `ACC-12345`, or `devrev_accounts`' `ids`).",
		func(f *devrev.EngagementFilter) *[]string { return &f.Parent }),
	dateFilter("created_date", "Only engagements created in this range."+engagementDatesNote,
		func(f *devrev.EngagementFilter) **devrev.DateTimeFilter { return &f.CreatedDate }),
	dateFilter("modified_date", "Only engagements last modified in this range."+engagementDatesNote,
		func(f *devrev.EngagementFilter) **devrev.DateTimeFilter { return &f.ModifiedDate }),
}

// engagementDatesNote is how the date ranges are read, said in each; it is
// true of the count too, so the list's own rules (limit, sort_by) are on the
// list's page.
const engagementDatesNote = " DevRev has no date filter on engagements, so none is sent: the provider reads them sorted by " +
	"this date (`created_date` when both ranges are set), from the newest to the oldest when `after` is set and the other " +
	"way otherwise, keeps those in the range and stops at the first page past it. The `devrev_engagements` page says how " +
	"`limit` and a sort order of your own work with a range."

var engagementsList = newListSpec(devrev.EngagementsAPI, &listSpec[devrev.EngagementFilter, devrev.ListEngagementsRequest, devrev.Engagement]{
	description: "Lists DevRev engagements (meetings, calls, emails, ...) that match the filters,",
	sortFields:  "`created_date` and `modified_date`",
	object:      engagementObject,
	filters:     engagementFilters,
	request: func(f devrev.EngagementFilter, p devrev.Paging) devrev.ListEngagementsRequest {
		return devrev.ListEngagementsRequest{EngagementFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListEngagements,
})

var engagementGet = newGetSpec(devrev.EngagementsAPI, &getSpec[devrev.Engagement]{
	displayID: "ENGM-123",
	don:       "don:core:dvrv-us-1:devo/0:engagement/123",
	object:    engagementObject,
	get:       (*devrev.Client).GetEngagement,
})

var _ = serve(engagementsList, engagementGet)
