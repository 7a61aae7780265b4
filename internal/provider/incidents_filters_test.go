package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// incidentsOpts is the data the incidents filter tests read: the default
// incidents over the default accounts, dev users and parts.
var incidentsOpts = localapi.Options{Seed: 11, Counts: map[string]int{"engagements": 20}}

// incidentDateFilters are the date filters of devrev_incidents, each with
// the incident's date it selects on.
var incidentDateFilters = []struct {
	name string
	date func(*localapi.Incident) string
}{
	{"identified_date", func(i *localapi.Incident) string { return i.IdentifiedDate }},
	{"acknowledged_date", func(i *localapi.Incident) string { return i.AcknowledgedDate }},
	{"mitigated_date", func(i *localapi.Incident) string { return i.MitigatedDate }},
	{"target_close_date", func(i *localapi.Incident) string { return i.TargetCloseDate }},
	{"actual_close_date", func(i *localapi.Incident) string { return i.ActualCloseDate }},
	{"created_date", func(i *localapi.Incident) string { return i.CreatedDate }},
	{"modified_date", func(i *localapi.Incident) string { return i.ModifiedDate }},
}

// incidentFilterCases are every filter case of devrev_incidents, over the
// data api serves, with values taken from the served incidents so that
// each selects some and not all. Severity, reporter and source are sent
// as the ids of their enum values (numbers), stage as a custom stage's id.
func incidentFilterCases(api *testAPI) filterList[localapi.Incident] {
	incs := localapi.Items[localapi.Incident](api.Server, "incidents")
	f := oneFilter[localapi.Incident]
	enumIs := func(e *localapi.EnumValue, ids ...int64) bool { return e != nil && slices.Contains(ids, e.ID) }
	first := func(has func(*localapi.Incident) bool) *localapi.Incident {
		for i := range incs {
			if has(&incs[i]) {
				return &incs[i]
			}
		}
		panic("no incident has it")
	}
	owner := first(func(i *localapi.Incident) bool { return len(i.OwnedBy) > 0 }).OwnedBy[0].DisplayID
	creator := first(func(i *localapi.Incident) bool { return i.CreatedBy != nil }).CreatedBy.DisplayID
	part := incs[1].AppliesToParts[0].DisplayID
	customer := first(func(i *localapi.Incident) bool { return i.Impact != nil }).Impact.CustomerIDs[0].DisplayID
	mitigated := first(func(i *localapi.Incident) bool { return i.Stage.Stage.Name == "mitigated" }).Stage.Stage.ID
	titles := []string{incs[0].Title, first(func(i *localapi.Incident) bool { return i.Title != incs[0].Title }).Title}
	cases := []listFilterCase[localapi.Incident]{
		f("severity", []int64{1, 2}, func(i *localapi.Incident) bool { return enumIs(i.Severity, 1, 2) }),
		f("reported_by", []int64{3}, func(i *localapi.Incident) bool { return enumIs(i.ReportedBy, 3) }),
		f("source", []int64{2}, func(i *localapi.Incident) bool { return enumIs(i.Source, 2) }),
		f("stage", []string{mitigated}, func(i *localapi.Incident) bool { return i.Stage.Stage.ID == mitigated }),
		f("owned_by", []string{owner}, func(i *localapi.Incident) bool { return userHas(i.OwnedBy, owner) }),
		f("created_by", []string{creator}, func(i *localapi.Incident) bool { return userHas([]*localapi.UserSummary{i.CreatedBy}, creator) }),
		f("applies_to_parts", []string{part}, func(i *localapi.Incident) bool {
			return slices.ContainsFunc(i.AppliesToParts, func(p *localapi.PartSummary) bool { return p.DisplayID == part })
		}),
		f("impacted_customers", []string{customer}, func(i *localapi.Incident) bool {
			return i.Impact != nil && slices.ContainsFunc(i.Impact.CustomerIDs, func(a *localapi.OrgSummary) bool { return orgIs(a, customer) })
		}),
		f("subtype", []string{"security"}, func(i *localapi.Incident) bool { return i.Subtype == "security" }),
		f("title", titles, func(i *localapi.Incident) bool { return slices.Contains(titles, i.Title) }),
	}
	// A product with include_child_parts: its incidents and those of the
	// parts under it, found here by walking up each incident's part.
	parts := localapi.Items[localapi.Part](api.Server, "parts")
	product := parts[0]
	under := func(id string) bool {
		for id != "" {
			if id == product.ID {
				return true
			}
			k := slices.IndexFunc(parts, func(p localapi.Part) bool { return p.ID == id })
			if k < 0 {
				return false
			}
			id = parts[k].Parent
		}
		return false
	}
	if !slices.ContainsFunc(incs, func(i localapi.Incident) bool {
		return i.AppliesToParts[0].ID != product.ID && under(i.AppliesToParts[0].ID)
	}) {
		panic("no incident applies to a part under " + product.Name + ": the case cannot tell include_child_parts from its absence")
	}
	cases = append(cases, listFilterCase[localapi.Incident]{
		name: "applies_to_parts_with_children",
		args: map[string]any{"applies_to_parts": []string{product.DisplayID}, "include_child_parts": true},
		body: map[string]any{"applies_to_parts": anyStrings(product.DisplayID), "include_child_parts": true},
		keep: func(i *localapi.Incident) bool {
			return slices.ContainsFunc(i.AppliesToParts, func(p *localapi.PartSummary) bool { return under(p.ID) })
		},
	})
	schemas := map[string]string{"": "incidents-list-request"}
	for _, d := range incidentDateFilters {
		dates := make([]string, len(incs))
		for i := range incs {
			dates[i] = d.date(&incs[i])
		}
		after, before := nth(dates, 3), nth(dates, -4)
		cases = append(cases, listFilterCase[localapi.Incident]{
			name: d.name, args: map[string]any{d.name: dateRangeArg{after, before}},
			body: map[string]any{d.name: map[string]any{"type": "range", "after": after, "before": before}},
			keep: func(i *localapi.Incident) bool { return inRange(d.date(i), after, before) },
		})
		schemas[d.name] = "date-filter"
	}
	return filterList[localapi.Incident]{
		typeName: "devrev_incidents", path: "/incidents.list", schemas: schemas,
		items: incs, id: func(i *localapi.Incident) string { return i.ID }, cases: cases,
	}
}

// Every filter of devrev_incidents, in-process: it reaches the request body
// under the spec's name and shape, and selects exactly the incidents it
// should, whether or not the API applies the date filters (the provider
// checks each incident's own dates).
func TestIncidentsFiltersReachTheSpecAndSelect(t *testing.T) {
	for _, ignoreDates := range []bool{false, true} {
		t.Run(fmt.Sprintf("ignoreDates=%v", ignoreDates), func(t *testing.T) {
			opts := incidentsOpts
			if ignoreDates {
				opts.IgnoreDateFilters = []string{"incidents"}
			}
			api := startAPI(t, opts)
			incidentFilterCases(api).runInProcess(t, api)
		})
	}
}

// Every filter of devrev_incidents through the CLI: one data block per
// case of the in-process test, each selecting exactly the incidents the
// local API's data says, with the request bodies checked against the spec.
func TestAccIncidents_everyFilter(t *testing.T) {
	api := startAPI(t, incidentsOpts)
	runCLIFilters(t, api, incidentFilterCases(api))
}
