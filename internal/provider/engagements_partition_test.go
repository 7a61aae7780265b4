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

// Partitioned reads (internal/devrev/partition.go) through the real CLI: a
// whole read with sort_by is split by engagement type and merged, and must
// give exactly what one cursor chain gives. The chain to compare with is the
// same data source with a limit above the total, which is never
// partitioned.

// tiedDates rewrites the generated engagements' dates from a few instants,
// each spelled several ways (with and without milliseconds, another
// offset), so that many engagements tie on every sort key and string order
// differs from time order; every 13th date is absent.
func tiedDates(engs []localapi.Engagement) []localapi.Engagement {
	spellings := [][]string{
		{"2024-06-03T09:15:43Z", "2024-06-03T09:15:43.000Z", "2024-06-03T11:15:43+02:00"},
		{"2024-06-03T09:15:43.500Z", "2024-06-03T09:15:43.5Z"},
		{"2024-06-03T09:15:43.050Z"},
		{"2024-06-03T09:15:42.999Z"},
		{"2024-06-03T09:15:44Z", "2024-06-03T09:15:44.000Z"},
	}
	pick := func(i int) string {
		if i%13 == 0 {
			return ""
		}
		s := spellings[(i*7)%len(spellings)]
		return s[(i/3)%len(s)]
	}
	for i := range engs {
		engs[i].CreatedDate = pick(i)
		engs[i].ModifiedDate = pick(i*5 + 1)
	}
	return engs
}

// partitionCase is one devrev_engagements configuration read twice: as
// configured (partitioned) and with a limit above the total (one chain).
type partitionCase struct {
	sortBy   []string
	args     string   // the data source's other arguments
	parts    []string // the types the partitioned read must ask for
	pageSize int      // set by the test: about five pages per part
}

// pageSizeFor makes a read of n engagements in len(parts) parts large
// enough to be partitioned (at least four pages per part; see
// internal/devrev/partition.go): about five pages per part.
func pageSizeFor(n int, parts []string) int { return max(1, n/(5*len(parts))) }

// partitionConfig writes both data sources of every case, and outputs
// saying whether each pair is equal and how many engagements it holds.
func partitionConfig(api *testAPI, cases []partitionCase) string {
	var b strings.Builder
	b.WriteString(api.providerBlock())
	for i, c := range cases {
		fmt.Fprintf(&b, `
data "devrev_engagements" "part_%[1]d" {
  sort_by   = %[2]s
  page_size = %[4]d
  %[3]s
}
data "devrev_engagements" "chain_%[1]d" {
  sort_by   = %[2]s
  page_size = %[4]d
  %[3]s
  limit     = 1000000
}
output "same_%[1]d" {
  value = jsonencode(data.devrev_engagements.part_%[1]d.engagements) == jsonencode(data.devrev_engagements.chain_%[1]d.engagements) && jsonencode(data.devrev_engagements.part_%[1]d.ids) == jsonencode(data.devrev_engagements.chain_%[1]d.ids)
}
output "count_%[1]d" { value = length(data.devrev_engagements.part_%[1]d.ids) }
`, i, hclStrings(c.sortBy), c.args, c.pageSize)
	}
	return b.String()
}

func hclStrings(vals []string) string {
	js, _ := json.Marshal(vals) // a JSON array of strings is HCL too
	return string(js)
}

// partRequests groups the list requests that carried a single type by their
// sort_by, and counts the count requests.
func partRequests(t *testing.T, api *testAPI) (bySort map[string][]string, counts int) {
	bySort = map[string][]string{}
	for _, r := range api.Requests() {
		switch r.Path {
		case "/engagements.count":
			counts++
		case "/engagements.list":
			var b devrev.ListEngagementsRequest
			if err := json.Unmarshal(r.Body, &b); err != nil {
				t.Fatal(err)
			}
			key := strings.Join(b.SortBy, ",")
			if len(b.Type) == 1 && !slices.Contains(bySort[key], b.Type[0]) {
				bySort[key] = append(bySort[key], b.Type[0])
			}
		}
	}
	for _, v := range bySort {
		slices.Sort(v)
	}
	return bySort, counts
}

func TestAccEngagements_partitionedEqualsChain(t *testing.T) {
	api := startAPI(t, localapi.Options{Engagements: tiedDates(localapi.Generate(5, 700))})
	all := api.Engagements() // created_date:asc, ties by id
	cases := []partitionCase{
		{[]string{"created_date:desc"}, ``, devrev.EngagementTypes, 0},
		{[]string{"modified_date:asc", "created_date:desc"}, `type = ["meeting", "call", "email"]`, []string{"call", "email", "meeting"}, 0},
		{[]string{"created_date:asc"}, "parent = [\"ACC-1\"]\n  mode = \"before\"", devrev.EngagementTypes, 0},
		{[]string{"modified_date:desc"}, "type = [\"survey\", \"offline\", \"linked_in\"]\n  members = [\"DEVU-2\", \"DEVU-3\"]",
			[]string{"linked_in", "offline", "survey"}, 0},
	}
	counts := []int{
		len(all),
		len(where(all, func(e localapi.Engagement) bool {
			return slices.Contains([]string{"meeting", "call", "email"}, e.EngagementType)
		})),
		len(where(all, func(e localapi.Engagement) bool { return slices.Contains(e.Parents, "ACC-1") })),
		len(where(all, func(e localapi.Engagement) bool {
			return slices.Contains([]string{"survey", "offline", "linked_in"}, e.EngagementType) &&
				(slices.Contains(e.Members, "DEVU-2") || slices.Contains(e.Members, "DEVU-3"))
		})),
	}
	// The first case against the server's own order too, not only the chain.
	checks := expectIDs("data.devrev_engagements.part_0", reversed(all))
	for i, n := range counts {
		if n < 20 {
			t.Fatalf("case %d matches only %d engagements: it proves little", i, n)
		}
		cases[i].pageSize = pageSizeFor(n, cases[i].parts)
		checks = append(checks,
			statecheck.ExpectKnownOutputValue(fmt.Sprintf("same_%d", i), knownvalue.Bool(true)),
			statecheck.ExpectKnownOutputValue(fmt.Sprintf("count_%d", i), knownvalue.Int64Exact(int64(n))))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: partitionConfig(api, cases), ConfigStateChecks: checks}},
	})

	// Each partitioned data source was read in parts (requests with one
	// type each) and checked by a count.
	bySort, countReqs := partRequests(t, api)
	for _, c := range cases {
		if key := strings.Join(c.sortBy, ","); !slices.Equal(bySort[key], c.parts) {
			t.Errorf("sort_by %s: parts read %v, want %v", key, bySort[key], c.parts)
		}
	}
	if countReqs < len(cases) {
		t.Errorf("%d engagements.count requests for %d partitioned data sources", countReqs, len(cases))
	}
}

// Engagements of a type the provider does not know are in no part: the
// count disagrees and the read falls back to one chain, which returns them.
func TestAccEngagements_partitionFallsBackOnUnknownType(t *testing.T) {
	engs := tiedDates(localapi.Generate(9, 400))
	webinars := 0
	for i := range engs {
		if i%17 == 3 {
			engs[i].EngagementType = "webinar"
			webinars++
		}
	}
	api := startAPI(t, localapi.Options{Engagements: engs})
	all := api.Engagements()
	checks := append(expectIDs("data.devrev_engagements.part_0", reversed(all)),
		statecheck.ExpectKnownOutputValue("same_0", knownvalue.Bool(true)),
		statecheck.ExpectKnownOutputValue("count_0", knownvalue.Int64Exact(int64(len(all)))))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: partitionConfig(api, []partitionCase{{sortBy: []string{"created_date:desc"},
				pageSize: pageSizeFor(len(all), devrev.EngagementTypes)}}),
			ConfigStateChecks: checks,
		}},
	})
	// The partitioned read was tried (parts, a count), then one chain
	// without a type filter read everything.
	bySort, counts := partRequests(t, api)
	if !slices.Equal(bySort["created_date:desc"], devrev.EngagementTypes) || counts == 0 {
		t.Fatalf("parts %v and %d counts: the partitioned read was not tried", bySort, counts)
	}
	if webinars == 0 {
		t.Fatal("no engagement of the unknown type")
	}
}
