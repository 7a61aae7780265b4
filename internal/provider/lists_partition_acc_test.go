package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Works and meetings are read in parts through the real CLI as engagements
// are (engagements_partition_test.go): a whole sorted read is split by the
// enum the client declares (works by type, meetings by channel), checked
// by a count, and gives exactly what one cursor chain gives (the same data
// source with a limit above the total, which is never partitioned).
func TestAccWorksAndMeetings_partitionedEqualsChain(t *testing.T) {
	api := startAPI(t, localapi.Options{Count: 3000, WorkCount: 600, RateLimit: noQuota})
	for _, tc := range []struct {
		dataSource, list, count, filter string
		values                          []string
		n                               int
	}{
		{"devrev_works", "/works.list", "/works.count", "type", devrev.WorkTypes, len(api.Works())},
		{"devrev_meetings", "/meetings.list", "/meetings.count", "channel", devrev.MeetingChannels, len(api.Meetings())},
	} {
		t.Run(tc.dataSource, func(t *testing.T) {
			if tc.n < 100 {
				t.Fatalf("only %d items: the case proves little", tc.n)
			}
			pageSize := pageSizeFor(tc.n, tc.values)
			config := api.providerBlock() + fmt.Sprintf(`
data %[1]q "part" {
  sort_by   = ["created_date:desc", "modified_date:asc"]
  page_size = %[2]d
}
data %[1]q "chain" {
  sort_by   = ["created_date:desc", "modified_date:asc"]
  page_size = %[2]d
  limit     = 1000000
}
output "same" {
  value = jsonencode(data.%[1]s.part.%[3]s) == jsonencode(data.%[1]s.chain.%[3]s) && jsonencode(data.%[1]s.part.ids) == jsonencode(data.%[1]s.chain.ids)
}
output "count" { value = length(data.%[1]s.part.ids) }
`, tc.dataSource, pageSize, strings.TrimPrefix(tc.dataSource, "devrev_"))
			api.ResetRequests()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories(nil),
				Steps: []resource.TestStep{{Config: config, ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("same", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(int64(tc.n))),
				}}},
			})
			counts, parts := 0, []string{}
			for _, r := range api.Requests() {
				switch r.Path {
				case tc.count:
					counts++
				case tc.list:
					var body map[string]any
					if err := json.Unmarshal(r.Body, &body); err != nil {
						t.Fatal(err)
					}
					if vs, _ := body[tc.filter].([]any); len(vs) == 1 && !slices.Contains(parts, vs[0].(string)) {
						parts = append(parts, vs[0].(string))
					}
				}
			}
			slices.Sort(parts)
			if counts == 0 || !slices.Equal(parts, tc.values) {
				t.Errorf("%d requests to %s and parts %v: the read was not partitioned by %s", counts, tc.count, parts, tc.filter)
			}
		})
	}
}
