package provider

import (
	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Incidents (OpenAPI `incident`): devrev_incidents and devrev_incident,
// the basis of MTTR reports. DevRev has no incidents.count.

// incidentImpact is DevRev's `impact` without its `customer_ids`: those
// are references to accounts, and references are top-level attributes
// named for their wire field (refs.go), which a field nested in `impact`
// cannot be.
var incidentImpact = newObject(
	objectField("count", "How many customers, a value of the organization's enum (such as `1-10`); null when DevRev does not say.", enumValue, func(d *devrev.ImpactedCustomerDetails) *devrev.EnumValue { return d.Count }),
)

// incidentEnum says what an enum-value attribute holds and which filter
// takes its ids.
func incidentEnum(what, filter string) string {
	return what + ", a value of the organization's enum (its `id` is what the `" + filter + "` filter takes); null when DevRev does not say."
}

var incidentObject = newObject(
	stringField("id", "Globally unique DevRev object id (DON), such as `don:core:dvrv-us-1:devo/0:incident/12`.", func(i *devrev.Incident) *string { return i.ID }),
	stringField("display_id", "Human-readable id, such as `INC-12`.", func(i *devrev.Incident) *string { return i.DisplayID }),
	stringField("title", "Title of the incident.", func(i *devrev.Incident) *string { return i.Title }),
	textField("body", "Body of the incident.", func(i *devrev.Incident) *string { return i.Body }),
	stringField("subtype", "Subtype of the incident (its custom type), if any.", func(i *devrev.Incident) *string { return i.Subtype }),
	stringField("created_date", "When the incident was created, an RFC 3339 timestamp exactly as DevRev sent it.", func(i *devrev.Incident) *string { return i.CreatedDate }),
	stringField("modified_date", "When the incident was last modified, an RFC 3339 timestamp exactly as DevRev sent it.", func(i *devrev.Incident) *string { return i.ModifiedDate }),
	stringField("identified_date", "When the incident was identified (reported), as DevRev sent it; null when not set.", func(i *devrev.Incident) *string { return i.IdentifiedDate }),
	stringField("acknowledged_date", "When the incident was acknowledged, as DevRev sent it; null while it is not.", func(i *devrev.Incident) *string { return i.AcknowledgedDate }),
	stringField("mitigated_date", "When the incident was mitigated, as DevRev sent it; null while it is not.", func(i *devrev.Incident) *string { return i.MitigatedDate }),
	stringField("target_close_date", "When the incident is expected to be resolved; null when not set.", func(i *devrev.Incident) *string { return i.TargetCloseDate }),
	stringField("actual_close_date", "When the incident was resolved; null while it is not.", func(i *devrev.Incident) *string { return i.ActualCloseDate }),
	refField(userRefs, "created_by_id", "The user who created the incident.", func(i *devrev.Incident) *devrev.UserSummary { return i.CreatedBy }),
	refField(userRefs, "modified_by_id", "The user who last modified the incident.", func(i *devrev.Incident) *devrev.UserSummary { return i.ModifiedBy }),
	refsField(userRefs, "owned_by_ids", "The users who own the incident.", func(i *devrev.Incident) []devrev.UserSummary { return i.OwnedBy }),
	refsField(partRefs, "applies_to_part_ids", "The parts the incident applies to.", func(i *devrev.Incident) []devrev.PartSummary { return i.AppliesToParts }),
	objectField("severity", incidentEnum("Severity of the incident", "severity"), enumValue, func(i *devrev.Incident) *devrev.EnumValue { return i.Severity }),
	objectField("reported_by", incidentEnum("Who reported the incident (a kind of reporter, such as a customer or a monitor)", "reported_by"), enumValue, func(i *devrev.Incident) *devrev.EnumValue { return i.ReportedBy }),
	objectField("source", incidentEnum("Where the incident was created from", "source"), enumValue, func(i *devrev.Incident) *devrev.EnumValue { return i.Source }),
	objectField("stage", "The stage the incident is in, and its state; null when DevRev does not say.", stageObject, func(i *devrev.Incident) *devrev.Stage { return i.Stage }),
	objectField("impact", "How many customers the incident hit; null when DevRev does not say. Which customers it hit is not read (the `impacted_customers` filter selects on them).", incidentImpact, func(i *devrev.Incident) *devrev.ImpactedCustomerDetails { return i.Impact }),
	objectField("sla_summary", "Where the incident stands against its SLA; null when no SLA applies.", slaSummary, func(i *devrev.Incident) *devrev.SLASummary { return i.SLASummary }),
	customFieldsField(func(i *devrev.Incident) devrev.CustomFields { return i.CustomFields }),
	objectListField("tags", "Tags on the incident, each with its value if it has one; null when DevRev does not say.", tagWithValue, func(i *devrev.Incident) []devrev.TagWithValue { return i.Tags }),
)

// incidentDatesNote is how the date filters are made exact, said in each.
const incidentDatesNote = " The provider also checks each incident's own date and leaves out those outside the range, " +
	"so the result is exact even where DevRev does not apply the filter."

var incidentFilters = []filter[devrev.IncidentFilter]{
	customFieldFilter("incidents", func(f *devrev.IncidentFilter) *devrev.CustomFieldFilter { return &f.CustomFields }),
	setFilter("severity", "Only incidents of one of these severities, by the id of the severity's value (`severity.id`).",
		func(f *devrev.IncidentFilter) *[]int64 { return &f.Severity }),
	setFilter("stage", "Only incidents in one of these stages, by the stage's id (`stage.stage.id`).",
		func(f *devrev.IncidentFilter) *[]string { return &f.Stage }),
	setFilter("owned_by", "Only incidents owned by one of these users (ids such as `DEVU-12`).", func(f *devrev.IncidentFilter) *[]string { return &f.OwnedBy }),
	setFilter("reported_by", "Only incidents reported by one of these kinds of reporter, by the id of the value (`reported_by.id`).",
		func(f *devrev.IncidentFilter) *[]int64 { return &f.ReportedBy }),
	setFilter("created_by", "Only incidents created by one of these users (ids such as `DEVU-12`).", func(f *devrev.IncidentFilter) *[]string { return &f.CreatedBy }),
	setFilter("applies_to_parts", "Only incidents that apply to one of these parts (ids such as `PROD-12`).", func(f *devrev.IncidentFilter) *[]string { return &f.AppliesToParts }),
	boolFilter("include_child_parts", "With `applies_to_parts`, also incidents of the parts under those parts (a product's capabilities and features, at any depth) when `true`.",
		func(f *devrev.IncidentFilter) **bool { return &f.IncludeChildParts }),
	setFilter("impacted_customers", "Only incidents that hit one of these customers (account ids such as `ACC-12`).", func(f *devrev.IncidentFilter) *[]string { return &f.ImpactedCustomers }),
	setFilter("source", "Only incidents from one of these sources, by the id of the value (`source.id`). DevRev marks this filter deprecated.",
		func(f *devrev.IncidentFilter) *[]int64 { return &f.Source }),
	setFilter("subtype", "Only incidents of one of these subtypes.", func(f *devrev.IncidentFilter) *[]string { return &f.Subtype }),
	setFilter("title", "Only incidents with one of these titles (exact).", func(f *devrev.IncidentFilter) *[]string { return &f.Title }),
	rangeFilter("identified_date", "Only incidents identified in this range (one without the date is left out)."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.IdentifiedDate }),
	rangeFilter("acknowledged_date", "Only incidents acknowledged in this range (one not yet acknowledged is left out)."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.AcknowledgedDate }),
	rangeFilter("mitigated_date", "Only incidents mitigated in this range (one not yet mitigated is left out)."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.MitigatedDate }),
	rangeFilter("target_close_date", "Only incidents due in this range (one without a target date is left out)."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.TargetCloseDate }),
	rangeFilter("actual_close_date", "Only incidents resolved in this range (an open one is left out)."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.ActualCloseDate }),
	rangeFilter("created_date", "Only incidents created in this range."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.CreatedDate }),
	rangeFilter("modified_date", "Only incidents last modified in this range."+incidentDatesNote,
		func(f *devrev.IncidentFilter) **devrev.DateFilter { return &f.ModifiedDate }),
}

var incidentsList = newListSpec(devrev.IncidentsAPI, &listSpec[devrev.IncidentFilter, devrev.ListIncidentsRequest, devrev.Incident]{
	description: "Lists DevRev incidents that match the filters, such as a severity, a part or when they were identified,",
	sortFields:  "fields such as `created_date`, `identified_date`, `mitigated_date` and `actual_close_date`",
	object:      incidentObject,
	filters:     incidentFilters,
	request: func(f devrev.IncidentFilter, p devrev.Paging) devrev.ListIncidentsRequest {
		return devrev.ListIncidentsRequest{IncidentFilter: f, Paging: p}
	},
	list: (*devrev.Client).ListIncidents,
})

var incidentGet = newGetSpec(devrev.IncidentsAPI, &getSpec[devrev.Incident]{
	displayID: "INC-12",
	don:       "don:core:dvrv-us-1:devo/0:incident/12",
	object:    incidentObject,
	get:       (*devrev.Client).GetIncident,
})

var _ = serve(incidentsList, incidentGet)
