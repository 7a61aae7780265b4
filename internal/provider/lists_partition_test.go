package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Works and meetings are read in parts as engagements are
// (engagements_partition_test.go): a whole sorted read is split by the
// enum the client declares (works by type, meetings by channel), checked
// by a count, and gives exactly what one cursor chain gives (the same data
// source with a limit above the total, which is never partitioned).

// partitionedLists are the cases: the local API serves enough works and
// meetings for four pages per part or more.
func partitionedLists(api *testAPI) []partitionedList {
	return []partitionedList{
		{"devrev_works", "/works.list", "/works.count", "type", devrev.WorkTypes, len(localapi.Items[localapi.Work](api.Server, "works"))},
		{"devrev_meetings", "/meetings.list", "/meetings.count", "channel", devrev.MeetingChannels, len(localapi.Items[localapi.Meeting](api.Server, "meetings"))},
	}
}

type partitionedList struct {
	dataSource, list, count, filter string
	values                          []string
	n                               int
}

var partitionedListsOptions = localapi.Options{RateLimit: noQuota, Counts: map[string]int{"engagements": 3000, "works": 600}}

// checkReadInParts fails t unless api saw a count and one list request
// per value of tc's enum.
func checkReadInParts(t *testing.T, api *testAPI, tc partitionedList) {
	t.Helper()
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
}

// In-process: the state of the partitioned read is the chain's, but for
// the limit argument.
func TestWorksAndMeetings_partitionedEqualsChain(t *testing.T) {
	api := startAPI(t, partitionedListsOptions)
	p := newInProcess(t, api.URL)
	for _, tc := range partitionedLists(api) {
		t.Run(tc.dataSource, func(t *testing.T) {
			typ := p.configType(t, tc.dataSource)
			sortBy := tftypes.NewValue(typ.AttributeTypes["sort_by"], []tftypes.Value{
				tftypes.NewValue(tftypes.String, "created_date:desc"), tftypes.NewValue(tftypes.String, "modified_date:asc")})
			set := map[string]tftypes.Value{"sort_by": sortBy,
				"page_size": tftypes.NewValue(tftypes.Number, pageSizeFor(tc.n, tc.values))}
			api.ResetRequests()
			part, diags := p.read(t, tc.dataSource, set)
			if part == nil || len(diags) > 0 {
				t.Fatalf("partitioned read: %v", diags)
			}
			checkReadInParts(t, api, tc)
			set["limit"] = tftypes.NewValue(tftypes.Number, 1_000_000)
			chain, diags := p.read(t, tc.dataSource, set)
			if chain == nil || len(diags) > 0 {
				t.Fatalf("one chain: %v", diags)
			}
			chain["limit"] = part["limit"]
			if !tftypes.NewValue(typ, part).Equal(tftypes.NewValue(typ, chain)) {
				t.Fatal("the partitioned read's state differs from the chain's")
			}
			var ids []tftypes.Value
			if err := part["ids"].As(&ids); err != nil || len(ids) != tc.n {
				t.Fatalf("%d ids of %d (%v)", len(ids), tc.n, err)
			}
		})
	}
}

// Through the real CLI.
func TestAccWorksAndMeetings_partitionedEqualsChain(t *testing.T) {
	skipWithoutCLI(t, "TestWorksAndMeetings_partitionedEqualsChain")
	api := startAPI(t, partitionedListsOptions)
	for _, tc := range partitionedLists(api) {
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
			checkReadInParts(t, api, tc)
		})
	}
}
