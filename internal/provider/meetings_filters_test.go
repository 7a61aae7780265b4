package provider

import (
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// meetingsOpts is the data the meetings filter tests read: the meetings of
// 900 engagements (about a hundred), over the default accounts and dev
// users.
var meetingsOpts = localapi.Options{Seed: 5, Counts: map[string]int{"engagements": 900}}

// meetingFilterCase is one meetings filter: the argument, its value and
// where the spec puts it in the request body (as for works), and which of
// the served meetings it must select, decided from the local API's data.
type meetingFilterCase struct {
	workFilterCase
	keep func(m *localapi.Meeting) bool
}

// nth is the n-th of the non-empty values, in order (n counts from 0, and
// may be negative, from the end).
func nth(vals []string, n int) string {
	vals = slices.DeleteFunc(slices.Clone(vals), func(s string) bool { return s == "" })
	slices.SortFunc(vals, func(a, b string) int { return instant(a).Compare(instant(b)) })
	if n < 0 {
		n += len(vals)
	}
	return vals[n]
}

func meetingDates(ms []localapi.Meeting, date func(*localapi.Meeting) string) []string {
	out := make([]string, len(ms))
	for i := range ms {
		out[i] = date(&ms[i])
	}
	return out
}

// meetingFilterCases covers every filter of devrev_meetings, with values
// taken from the served meetings so that each selects some and not all.
func meetingFilterCases(ms []localapi.Meeting) []meetingFilterCase {
	organizer, member, creator := ms[0].Organizer.DisplayID, ms[1].Members[0].DisplayID, ms[2].CreatedBy.DisplayID
	var refs []string
	for _, m := range ms {
		if m.ExternalRef != "" && len(refs) < 2 {
			refs = append(refs, m.ExternalRef)
		}
	}
	scheduled := meetingDates(ms, func(m *localapi.Meeting) string { return m.ScheduledDate })
	ended := meetingDates(ms, func(m *localapi.Meeting) string { return m.EndedDate })
	created := meetingDates(ms, func(m *localapi.Meeting) string { return m.CreatedDate })
	modified := meetingDates(ms, func(m *localapi.Meeting) string { return m.ModifiedDate })
	schedFrom, schedTo := nth(scheduled, len(ms)/5), nth(scheduled, len(ms)/2)
	endedFrom := nth(ended, 10)
	createdFrom, createdTo := nth(created, 10), nth(created, -20)
	modifiedTo := nth(modified, len(ms)/3)
	c := func(attr string, set []string, rng [2]string, keep func(m *localapi.Meeting) bool) meetingFilterCase {
		return meetingFilterCase{workFilterCase{attr: attr, set: set, rng: rng, body: []string{attr}}, keep}
	}
	none := [2]string{}
	return []meetingFilterCase{
		c("channel", []string{"zoom", "teams"}, none, func(m *localapi.Meeting) bool { return m.Channel == "zoom" || m.Channel == "teams" }),
		c("state", []string{"completed", "no_show"}, none, func(m *localapi.Meeting) bool { return m.State == "completed" || m.State == "no_show" }),
		c("direction", []string{"incoming"}, none, func(m *localapi.Meeting) bool { return m.Direction == "incoming" }),
		c("organizer", []string{organizer}, none, func(m *localapi.Meeting) bool { return userHas([]*localapi.UserSummary{m.Organizer}, organizer) }),
		c("members", []string{member}, none, func(m *localapi.Meeting) bool { return userHas(m.Members, member) }),
		c("created_by", []string{creator}, none, func(m *localapi.Meeting) bool { return userHas([]*localapi.UserSummary{m.CreatedBy}, creator) }),
		c("parent", []string{"ACC-2", "ACC-5"}, none, func(m *localapi.Meeting) bool { return orgIs(m.Parent, "ACC-2") || orgIs(m.Parent, "ACC-5") }),
		c("external_ref", refs, none, func(m *localapi.Meeting) bool { return slices.Contains(refs, m.ExternalRef) }),
		c("tags", []string{"TAG-21"}, none, func(m *localapi.Meeting) bool {
			return slices.ContainsFunc(m.Tags, func(t localapi.TagWithValue) bool { return t.Tag.DisplayID == "TAG-21" })
		}),
		c("scheduled_date", nil, [2]string{schedFrom, schedTo}, func(m *localapi.Meeting) bool { return inRange(m.ScheduledDate, schedFrom, schedTo) }),
		c("ended_date", nil, [2]string{endedFrom, ""}, func(m *localapi.Meeting) bool { return inRange(m.EndedDate, endedFrom, "") }),
		c("created_date", nil, [2]string{createdFrom, createdTo}, func(m *localapi.Meeting) bool { return inRange(m.CreatedDate, createdFrom, createdTo) }),
		c("modified_date", nil, [2]string{"", modifiedTo}, func(m *localapi.Meeting) bool { return inRange(m.ModifiedDate, "", modifiedTo) }),
	}
}

// expectedIDs are the DON ids of the meetings c selects, in the default
// order.
func (c meetingFilterCase) expectedIDs(ms []localapi.Meeting) []string {
	var out []string
	for i := range ms {
		if c.keep(&ms[i]) {
			out = append(out, ms[i].ID)
		}
	}
	return out
}

// checkMeetingSpecNames fails for any key of a meetings.list or
// meetings.count body (schema), or of a date filter in it, that the
// spec's schema of that object lacks.
func checkMeetingSpecNames(t *testing.T, body map[string]any, schema string) {
	t.Helper()
	for k, v := range body {
		if !slices.Contains(localapi.SpecFields(schema), k) {
			t.Errorf("request body field %q is not in the spec's %s", k, schema)
		}
		if m, ok := v.(map[string]any); ok {
			for dk := range m {
				if !slices.Contains(localapi.SpecFields("date-filter"), dk) {
					t.Errorf("request body field %s.%s is not in the spec's date-filter", k, dk)
				}
			}
		}
	}
}

// Every filter of devrev_meetings, in-process: it reaches the request body
// under the spec's name and shape, and selects exactly the meetings it
// should, whether or not the API applies the date filters;
// devrev_meetings_count counts the same meetings, through meetings.count
// when no date filter is set.
func TestMeetingsFiltersReachTheSpecAndSelect(t *testing.T) {
	for _, ignoreDates := range []bool{false, true} {
		opts := meetingsOpts
		if ignoreDates {
			opts.IgnoreDateFilters = []string{"meetings"}
		}
		api := startAPI(t, opts)
		p := newInProcess(t, api.URL)
		ms := localapi.Items[localapi.Meeting](api.Server, "meetings")
		typ := p.configType(t, "devrev_meetings")
		for _, c := range meetingFilterCases(ms) {
			t.Run(fmt.Sprintf("%s/ignoreDates=%v", c.attr, ignoreDates), func(t *testing.T) {
				want := c.expectedIDs(ms)
				if len(want) == 0 || len(want) == len(ms) {
					t.Fatalf("the case selects %d of %d meetings: it cannot tell a working filter from a lost one", len(want), len(ms))
				}
				value := map[string]tftypes.Value{c.attr: c.value(typ.AttributeTypes[c.attr])}
				api.ResetRequests()
				state, diags := p.read(t, "devrev_meetings", value)
				if state == nil {
					t.Fatalf("read: %v", diags)
				}
				bodies := specBodies(t, api.requestsTo("/meetings.list"))
				if len(bodies) == 0 {
					t.Fatal("no meetings.list request")
				}
				for _, b := range bodies {
					checkMeetingSpecNames(t, b, "meetings-list-request")
					if got := at(b, c.body); !reflect.DeepEqual(got, c.wantBody()) {
						t.Errorf("request body at %s: %#v, want %#v", strings.Join(c.body, "."), got, c.wantBody())
					}
				}
				if got := stateIDs(t, state); !slices.Equal(got, want) {
					t.Errorf("selected %d meetings %v, want %d %v", len(got), got, len(want), want)
				}

				api.ResetRequests()
				count, diags := p.read(t, "devrev_meetings_count", value)
				if count == nil {
					t.Fatalf("count: %v", diags)
				}
				var total big.Float
				_ = count["total"].As(&total)
				if n, _ := total.Int64(); n != int64(len(want)) {
					t.Errorf("devrev_meetings_count: %d, want %d", n, len(want))
				}
				counts := specBodies(t, api.requestsTo("/meetings.count"))
				if c.rng != [2]string{} {
					if len(counts) != 0 {
						t.Errorf("a count with a date filter sent %d meetings.count requests; it counts by listing", len(counts))
					}
					return
				}
				if len(counts) != 1 {
					t.Fatalf("%d meetings.count requests, want 1", len(counts))
				}
				checkMeetingSpecNames(t, counts[0], "meetings-count-request")
				if got := at(counts[0], c.body); !reflect.DeepEqual(got, c.wantBody()) {
					t.Errorf("count body at %s: %#v, want %#v", strings.Join(c.body, "."), got, c.wantBody())
				}
			})
		}
	}
}
