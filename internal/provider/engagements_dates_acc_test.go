package provider

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Date ranges as a user writes them, through the CLI: an engagement range
// read in two windows (limit = 15, then on from next_cursor) that add up to
// the engagements in it, newest first; its count; "the last 90 days" with
// plantimestamp(); and works with a range DevRev ignores, where limit = 15
// is 15 works in the range. No request sends the engagements' range, and
// none asks engagements.count.
func TestAccDateRanges(t *testing.T) {
	api := startAPI(t, localapi.Options{Seed: 17, Counts: map[string]int{"engagements": 500, "works": 300}, IgnoreDateFilters: []string{"works"}})
	newestFirst := reversed(localapi.Items[localapi.Engagement](api.Server, "engagements"))
	after := newestFirst[len(newestFirst)/5].CreatedDate
	recent := where(newestFirst, func(e localapi.Engagement) bool { return !parseTime(t, e.CreatedDate).Before(parseTime(t, after)) })
	since := time.Now().Add(-90 * 24 * time.Hour)
	last90 := where(newestFirst, func(e localapi.Engagement) bool { return !parseTime(t, e.CreatedDate).Before(since) })

	works := localapi.Items[localapi.Work](api.Server, "works")
	from, to := works[len(works)/2].CreatedDate, works[len(works)*4/5].CreatedDate
	var inRange []knownvalue.Check
	for _, w := range works {
		if d := parseTime(t, w.CreatedDate); !d.Before(parseTime(t, from)) && !d.After(parseTime(t, to)) && len(inRange) < 15 {
			inRange = append(inRange, knownvalue.StringExact(w.ID))
		}
	}
	if len(recent) <= 15 || len(inRange) < 15 {
		t.Fatalf("%d engagements and %d works in range; the test needs more than a window", len(recent), len(inRange))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + fmt.Sprintf(`
data "devrev_engagements" "recent" {
  created_date = { after = %[1]q }
  limit        = 15
}
data "devrev_engagements" "rest" {
  created_date = { after = %[1]q }
  cursor       = data.devrev_engagements.recent.next_cursor
}
data "devrev_engagements_count" "recent" {
  created_date = { after = %[1]q }
}
data "devrev_engagements" "last_90_days" {
  created_date = {
    after = timeadd(plantimestamp(), "-2160h")
  }
}
data "devrev_works" "in_range" {
  created_date = {
    after  = %[2]q
    before = %[3]q
  }
  limit = 15
}
`, after, from, to),
			ConfigStateChecks: slices.Concat(
				expectIDs("data.devrev_engagements.recent", recent[:15]),
				expectIDs("data.devrev_engagements.rest", recent[15:]),
				expectIDs("data.devrev_engagements.last_90_days", last90),
				[]statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.devrev_engagements_count.recent", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(recent)))),
					statecheck.ExpectKnownValue("data.devrev_engagements.rest", tfjsonpath.New("next_cursor"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.devrev_works.in_range", tfjsonpath.New("ids"), knownvalue.ListExact(inRange)),
				},
			),
		}},
	})
	if n := len(api.requestsTo("/engagements.count")); n != 0 {
		t.Errorf("%d engagements.count requests: a count with a range counts by listing", n)
	}
	for _, b := range decodeBodies[map[string]any](t, api.listRequests()) {
		if _, ok := b["created_date"]; ok {
			t.Errorf("a request sends created_date, which engagements.list does not have: %v", b)
		}
	}
}
