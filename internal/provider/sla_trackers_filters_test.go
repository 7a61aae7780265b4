package provider

import (
	"fmt"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// slaTrackersOpts is the data the SLA tracker filter tests read: the
// trackers of the tickets and issues of 300 works.
var slaTrackersOpts = localapi.Options{Seed: 3, Counts: map[string]int{"engagements": 20, "works": 300, "sla-trackers": 120}}

// slaTrackerFilterCases covers every filter of devrev_sla_trackers, with
// values taken from the served trackers so that each selects some and not
// all.
func slaTrackerFilterCases(api *testAPI) filterList[localapi.SLATracker] {
	ts := localapi.Items[localapi.SLATracker](api.Server, "sla-trackers")
	var created, modified []string
	for _, tr := range ts {
		created, modified = append(created, tr.CreatedDate), append(modified, tr.ModifiedDate)
	}
	createdFrom, createdTo := nth(created, 10), nth(created, -20)
	modifiedTo := nth(modified, len(ts)/3)
	return filterList[localapi.SLATracker]{
		typeName: "devrev_sla_trackers", path: "/sla-trackers.list",
		schemas: map[string]string{"": "sla-trackers-list-request", "created_date": "date-time-filter", "modified_date": "date-time-filter"},
		items:   ts, id: func(tr *localapi.SLATracker) string { return tr.ID },
		cases: []listFilterCase[localapi.SLATracker]{
			oneFilter("stage", []string{"breached", "paused"}, func(tr *localapi.SLATracker) bool { return tr.Stage == "breached" || tr.Stage == "paused" }),
			oneFilter("status", []string{"completed"}, func(tr *localapi.SLATracker) bool { return tr.Status == "completed" }),
			oneFilter("created_date", dateRangeArg{createdFrom, createdTo}, func(tr *localapi.SLATracker) bool { return inRange(tr.CreatedDate, createdFrom, createdTo) }),
			oneFilter("modified_date", dateRangeArg{"", modifiedTo}, func(tr *localapi.SLATracker) bool { return inRange(tr.ModifiedDate, "", modifiedTo) }),
		},
	}
}

// Every filter of devrev_sla_trackers, in-process: it reaches the request
// body under the spec's name and shape, and selects exactly the trackers
// it should, whether or not the API applies the date filters.
func TestSLATrackersFiltersReachTheSpecAndSelect(t *testing.T) {
	for _, ignoreDates := range []bool{false, true} {
		t.Run(fmt.Sprintf("ignoreDates=%v", ignoreDates), func(t *testing.T) {
			opts := slaTrackersOpts
			if ignoreDates {
				opts.IgnoreDateFilters = []string{"sla-trackers"}
			}
			api := startAPI(t, opts)
			slaTrackerFilterCases(api).runInProcess(t, api)
		})
	}
}

// The same through the CLI, in one configuration.
func TestAccSLATrackers_filters(t *testing.T) {
	api := startAPI(t, slaTrackersOpts)
	runCLIFilters(t, api, slaTrackerFilterCases(api))
}
