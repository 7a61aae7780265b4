package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Works (OpenAPI `work`: tickets, issues, tasks, opportunities):
// devrev_works, devrev_work and devrev_works_count. One object serves
// every kind: the fields of other kinds are null.

var workState = newObject(
	stringField("id", "DevRev object id of the state.", func(s *devrev.WorkState) *string { return s.ID }),
	stringField("display_id", "Human-readable id of the state.", func(s *devrev.WorkState) *string { return s.DisplayID }),
	stringField("name", "Name of the state: `open`, `in_progress` or `closed` in a default organization (the `state` filter's values).", func(s *devrev.WorkState) *string { return s.Name }),
	boolField("is_final", "Whether the state is final (closed).", func(s *devrev.WorkState) *bool { return s.IsFinal }),
)

var workStage = newObject(
	stringField("name", "Name of the stage, such as `queued` or `in_development` (the `stage_name` filter's values).", func(s *devrev.WorkStage) *string { return s.Name }),
	objectField("state", "The state the stage belongs to; null when DevRev does not say.", workState, func(s *devrev.WorkStage) *devrev.WorkState { return s.State }),
)

var slaSummary = newObject(
	stringField("stage", "Stage of the SLA metric closest to breach: `breached`, `completed`, `paused`, `running` or `warning`.", func(s *devrev.SLASummary) *string { return s.Stage }),
	stringField("target_time", "When that metric breaches, an RFC 3339 timestamp exactly as DevRev sent it.", func(s *devrev.SLASummary) *string { return s.TargetTime }),
)

var sprintSummary = newObject(
	stringField("id", "DevRev object id of the sprint.", func(s *devrev.SprintSummary) *string { return s.ID }),
	stringField("name", "Name of the sprint.", func(s *devrev.SprintSummary) *string { return s.Name }),
	stringField("start_date", "When the sprint starts.", func(s *devrev.SprintSummary) *string { return s.StartDate }),
	stringField("end_date", "When the sprint ends.", func(s *devrev.SprintSummary) *string { return s.EndDate }),
)

var money = newObject(
	stringField("amount", "The amount, as DevRev sent it (a decimal string).", func(m *devrev.Money) *string {
		if m.Amount == nil {
			return nil
		}
		s := string(*m.Amount)
		return &s
	}),
	stringField("currency", "The currency, such as `USD`.", func(m *devrev.Money) *string { return m.Currency }),
)

// onlyOf says which kinds of work an attribute belongs to.
func onlyOf(kinds string) string { return " Only " + kinds + " have it; null for other works." }

var workObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:ticket/12`.", func(w *devrev.Work) *string { return w.ID }),
	stringField("display_id", "Human-readable id, such as `TKT-12` or `ISS-7`.", func(w *devrev.Work) *string { return w.DisplayID }),
	stringField("type", "Kind of work: `ticket`, `issue`, `task` or `opportunity`.", func(w *devrev.Work) *string { return w.Type }),
	stringField("title", "Title of the work.", func(w *devrev.Work) *string { return w.Title }),
	textField("body", "Body of the work.", func(w *devrev.Work) *string { return w.Body }),
	stringField("subtype", "Subtype of the work (its custom type), if any.", func(w *devrev.Work) *string { return w.Subtype }),
	customFieldsField(func(w *devrev.Work) devrev.CustomFields { return w.CustomFields }),
	stringField("external_ref", "Key of the work in an external system.", func(w *devrev.Work) *string { return w.ExternalRef }),
	stringField("created_date", "When the work was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(w *devrev.Work) *string { return w.CreatedDate }),
	stringField("modified_date", "When the work was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(w *devrev.Work) *string { return w.ModifiedDate }),
	stringField("target_close_date", "When the work is expected to be complete; null when not set.", func(w *devrev.Work) *string { return w.TargetCloseDate }),
	stringField("actual_close_date", "When the work was completed; null while it is not.", func(w *devrev.Work) *string { return w.ActualCloseDate }),
	refField(userRefs, "created_by_id", "The user who created the work.", func(w *devrev.Work) *devrev.UserSummary { return w.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the work.", func(w *devrev.Work) *devrev.UserSummary { return w.ModifiedBy }),
	refsField(userRefs, "owned_by_ids", "The users who own the work.", func(w *devrev.Work) []devrev.UserSummary { return w.OwnedBy }),
	refsField(userRefs, "reported_by_ids", "The users who reported the work.", func(w *devrev.Work) []devrev.UserSummary { return w.ReportedBy }),
	refField(partRefs, "applies_to_part_id", "The part (product, capability, ...) the work applies to.", func(w *devrev.Work) *devrev.PartSummary { return w.AppliesToPart }),
	objectField("stage", "The stage the work is in, and its state; null when DevRev does not say.", workStage, func(w *devrev.Work) *devrev.WorkStage { return w.Stage }),
	objectListField("tags", "Tags on the work, as DevRev returns them: each the whole tag, with its value if it has one; null when DevRev does not say.", tagWithValue, func(w *devrev.Work) []devrev.TagWithValue { return w.Tags }),
	refField(accountRefs, "account_id", "The account of the ticket or opportunity."+onlyOf("tickets and opportunities"), func(w *devrev.Work) *devrev.ObjectSummary { return w.Account }),
	stringField("severity", "Severity of the ticket: `blocker`, `high`, `medium` or `low`."+onlyOf("tickets"), func(w *devrev.Work) *string { return w.Severity }),
	refField(revOrgRefs, "rev_org_id", "The Rev organization (workspace) of the ticket."+onlyOf("tickets"), func(w *devrev.Work) *devrev.ObjectSummary { return w.RevOrg }),
	refField(groupRefs, "group_id", "The group the ticket is assigned to."+onlyOf("tickets"), func(w *devrev.Work) *devrev.GroupSummary { return w.Group }),
	stringsField("channels", "Channels of the ticket: `email`, `plug`, `slack`, `twilio`, `twilio_sms`."+onlyOf("tickets"), func(w *devrev.Work) []string { return w.Channels }),
	boolField("needs_response", "Whether the ticket needs a response."+onlyOf("tickets"), func(w *devrev.Work) *bool { return w.NeedsResponse }),
	boolField("is_spam", "Whether the ticket is spam."+onlyOf("tickets"), func(w *devrev.Work) *bool { return w.IsSpam }),
	objectField("sla_summary", "Where the ticket stands against its SLA."+onlyOf("tickets (and issues, where SLAs apply)"), slaSummary, func(w *devrev.Work) *devrev.SLASummary { return w.SLASummary }),
	stringField("priority", "Priority of the issue: `p0`, `p1`, `p2` or `p3`."+onlyOf("issues"), func(w *devrev.Work) *string { return w.Priority }),
	objectField("sprint", "The sprint of the issue."+onlyOf("issues"), sprintSummary, func(w *devrev.Work) *devrev.SprintSummary { return w.Sprint }),
	stringField("target_start_date", "When work on the issue is to start."+onlyOf("issues"), func(w *devrev.Work) *string { return w.TargetStartDate }),
	stringField("actual_start_date", "When work on the issue started."+onlyOf("issues"), func(w *devrev.Work) *string { return w.ActualStartDate }),
	objectField("value", "Value of the opportunity."+onlyOf("opportunities"), money, func(w *devrev.Work) *devrev.Money { return w.Value }),
	objectField("annual_contract_value", "Annual contract value of the opportunity."+onlyOf("opportunities"), money, func(w *devrev.Work) *devrev.Money { return w.AnnualContractValue }),
)

// ticketFilter, opportunityFilter and issueFilter reach the nested filters a ticket or issue
// filter sets, made when the first of their filters is set (filters.go
// calls dst only for a configured value), so that an unset group is left
// out of the request body.
func ticketFilter(f *devrev.WorkFilter) *devrev.TicketFilter {
	if f.Ticket == nil {
		f.Ticket = &devrev.TicketFilter{}
	}
	return f.Ticket
}

func opportunityFilter(f *devrev.WorkFilter) *devrev.OpportunityFilter {
	if f.Opportunity == nil {
		f.Opportunity = &devrev.OpportunityFilter{}
	}
	return f.Opportunity
}

func issueFilter(f *devrev.WorkFilter) *devrev.IssueFilter {
	if f.Issue == nil {
		f.Issue = &devrev.IssueFilter{}
	}
	return f.Issue
}

// workDatesNote is how the date filters are made exact, said in each.
const workDatesNote = " DevRev does not apply this filter on works.list for every organization, so the provider also " +
	"checks each work's own date and leaves out those outside the range: the result is exact either way."

// workFilters are the filters works.list and works.count share, each sent
// under the spec's name (`ticket.severity`, `issue.priority`, `opportunity.subtype`,
// `stage.name` nest in the request body).
var workFilters = []filter[devrev.WorkFilter]{
	setFilter("type", "Only works of these kinds: `issue`, `opportunity`, `task`, `ticket`.",
		func(f *devrev.WorkFilter) *[]string { return &f.Type }, stringvalidator.OneOf(devrev.WorkTypes...)),
	setFilter("state", "Only works in one of these states (`stage.state.name`): `open`, `in_progress` or `closed` in a default organization.",
		func(f *devrev.WorkFilter) *[]string { return &f.State }),
	setFilter("stage_name", "Only works in one of these stages, by name (`stage.name`, such as `queued`); sent as `stage.name`.",
		func(f *devrev.WorkFilter) *[]string {
			if f.Stage == nil {
				f.Stage = &devrev.StageFilter{}
			}
			return &f.Stage.Name
		}),
	setFilter("owned_by", "Only works owned by one of these users (ids such as `DEVU-12`).", func(f *devrev.WorkFilter) *[]string { return &f.OwnedBy }),
	setFilter("reported_by", "Only works reported by one of these users (ids such as `DEVU-12`).", func(f *devrev.WorkFilter) *[]string { return &f.ReportedBy }),
	setFilter("created_by", "Only works created by one of these users (ids such as `DEVU-12`).", func(f *devrev.WorkFilter) *[]string { return &f.CreatedBy }),
	setFilter("applies_to_part", "Only works that apply to one of these parts (ids such as `PROD-12`).", func(f *devrev.WorkFilter) *[]string { return &f.AppliesToPart }),
	setFilter("tags", "Only works with one of these tags (tag ids such as `TAG-12`).", func(f *devrev.WorkFilter) *[]string { return &f.Tags }),
	setFilter("ticket_severity", "Only tickets of these severities: `blocker`, `high`, `medium`, `low`; sent as `ticket.severity`.",
		func(f *devrev.WorkFilter) *[]string { return &ticketFilter(f).Severity }, stringvalidator.OneOf(devrev.TicketSeverities...)),
	setFilter("ticket_account", "Only tickets of one of these accounts (ids such as `ACC-12`, or `devrev_accounts`' `ids`); sent as `ticket.account`.",
		func(f *devrev.WorkFilter) *[]string { return &ticketFilter(f).Account }),
	setFilter("ticket_rev_org", "Only tickets of one of these Rev organizations (ids such as `REV-AbCdEfGh`); sent as `ticket.rev_org`.",
		func(f *devrev.WorkFilter) *[]string { return &ticketFilter(f).RevOrg }),
	setFilter("ticket_group", "Only tickets of one of these groups (group ids); sent as `ticket.group`.",
		func(f *devrev.WorkFilter) *[]string { return &ticketFilter(f).Group }),
	boolFilter("ticket_needs_response", "Only tickets that need a response (`true`) or do not (`false`); sent as `ticket.needs_response`.",
		func(f *devrev.WorkFilter) **bool { return &ticketFilter(f).NeedsResponse }),
	boolFilter("ticket_is_spam", "Only tickets that are spam (`true`) or are not (`false`); sent as `ticket.is_spam`.",
		func(f *devrev.WorkFilter) **bool { return &ticketFilter(f).IsSpam }),
	setFilter("ticket_subtype", "Only tickets of these subtypes (a work's `subtype`); sent as `ticket.subtype`.",
		func(f *devrev.WorkFilter) *[]string { return &ticketFilter(f).Subtype }),
	setFilter("issue_subtype", "Only issues of these subtypes (a work's `subtype`); sent as `issue.subtype`.",
		func(f *devrev.WorkFilter) *[]string { return &issueFilter(f).Subtype }),
	setFilter("opportunity_subtype", "Only opportunities of these subtypes (a work's `subtype`); sent as `opportunity.subtype`.",
		func(f *devrev.WorkFilter) *[]string { return &opportunityFilter(f).Subtype }),
	customFieldFilter("works", func(f *devrev.WorkFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	setFilter("issue_priority", "Only issues of these priorities: `p0`, `p1`, `p2`, `p3`; sent as `issue.priority`.",
		func(f *devrev.WorkFilter) *[]string { return &issueFilter(f).Priority }, stringvalidator.OneOf(devrev.IssuePriorities...)),
	setFilter("issue_accounts", "Only issues for one of these accounts (ids such as `ACC-12`); sent as `issue.accounts`.",
		func(f *devrev.WorkFilter) *[]string { return &issueFilter(f).Accounts }),
	setFilter("issue_rev_orgs", "Only issues for one of these Rev organizations; sent as `issue.rev_orgs`.",
		func(f *devrev.WorkFilter) *[]string { return &issueFilter(f).RevOrgs }),
	rangeFilter("created_date", "Only works created in this range."+workDatesNote,
		func(f *devrev.WorkFilter) **devrev.DateFilter { return &f.CreatedDate }),
	rangeFilter("modified_date", "Only works last modified in this range."+workDatesNote,
		func(f *devrev.WorkFilter) **devrev.DateFilter { return &f.ModifiedDate }),
	rangeFilter("target_close_date", "Only works due in this range (a work without a target date is left out)."+workDatesNote,
		func(f *devrev.WorkFilter) **devrev.DateFilter { return &f.TargetCloseDate }),
	rangeFilter("actual_close_date", "Only works completed in this range (an open work is left out)."+workDatesNote,
		func(f *devrev.WorkFilter) **devrev.DateFilter { return &f.ActualCloseDate }),
}

var worksList = newListSpec(devrev.WorksAPI, &listSpec[devrev.WorkFilter, devrev.ListWorksRequest, devrev.Work]{
	description: "Lists DevRev works (tickets, issues, tasks and opportunities) that match the filters,",
	sortFields:  "fields such as `created_date`, `modified_date`, `target_close_date` and `actual_close_date`",
	object:      workObject,
	filters:     workFilters,
	request: func(f devrev.WorkFilter, p devrev.Paging) devrev.ListWorksRequest {
		return devrev.ListWorksRequest{WorkFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListWorks,
})

var workGet = newGetSpec(devrev.WorksAPI, &getSpec[devrev.Work]{
	displayID: "TKT-12",
	don:       "don:core:dvrv-us-1:devo/0:ticket/12",
	object:    workObject,
	get:       (*devrev.Client).GetWork,
})

var _ = serve(worksList, workGet)
