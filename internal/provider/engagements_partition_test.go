package provider

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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

// With tiedDates the partitioned read is tried and, for every case, not
// used (ties between types, absent dates): the result is the chain's.
// TestAccEngagements_partitionExactOrUnused has the reads that use it.
func TestAccEngagements_partitionedEqualsChain(t *testing.T) {
	api := startAPI(t, localapi.Options{RateLimit: noQuota, Data: map[string]any{"engagements": tiedDates(localapi.Generate(5, 700))}})
	all := localapi.Items[localapi.Engagement](api.Server, "engagements") // created_date:asc, ties by id
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
	api := startAPI(t, localapi.Options{RateLimit: noQuota, Data: map[string]any{"engagements": engs}})
	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
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

// respelled gives some of the engagements' dates other RFC 3339 spellings
// of the same instants, which DevRev may send: another offset, lower-case
// t and z, twelve fractional digits. The server sorts them as the
// instants they are, and so must the merge of a partitioned read.
func respelled(engs []localapi.Engagement) []localapi.Engagement {
	spell := func(s string, i int) string {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return s
		}
		switch i % 4 {
		case 0:
			return t.In(time.FixedZone("", 0)).Format("2006-01-02T15:04:05.000-07:00") // "+00:00"
		case 1:
			return t.In(time.FixedZone("", 5*3600+1800)).Format("2006-01-02T15:04:05.999999999-07:00")
		case 2:
			return strings.ToLower(t.Format(time.RFC3339Nano))
		}
		return t.Format("2006-01-02T15:04:05.000000000") + "123Z"[3:] // "…000Z": nine digits then Z
	}
	for i := range engs {
		if i%3 != 0 {
			engs[i].CreatedDate = spell(engs[i].CreatedDate, i)
		}
	}
	return engs
}

// noQuota is a rate limit no test reaches: the local API otherwise announces
// DevRev's quota per five minutes, and the client rightly waits once its
// estimate of what is left reaches 0, which tests that read the same
// engagements many times over (parts, chains, the CLI's three plans) would.
var noQuota = localapi.RateLimit{Requests: 1_000_000, Window: time.Minute}

// A partitioned read is exact or unused. With dates in every RFC 3339
// spelling it is used and equals the chain; when the count or a part fails
// in any way, the read goes on as the chain, from its second page (the
// first is not read twice), instead of failing where the chain would not.
// Each case reads the engagements of one account, so that one plan reads
// them all.
func TestAccEngagements_partitionExactOrUnused(t *testing.T) {
	cases := []struct {
		name    string
		count   string // the count's answer: "STATUS BODY", or "" for the local API's
		part    string // the answer to the part type=email, likewise
		partsOK bool   // whether the read's result must come from the parts
	}{
		{"every spelling", "", "", true},
		{"count 403", `403 {"type":"forbidden","message":"no count for you"}`, "", false},
		{"count 501", `501 {"type":"not_implemented","message":"no"}`, "", false},
		{"count a string", `200 {"count":"600"}`, "", false},
		{"count off by one", "off by one", "", false},
		{"count HTML", `200 <html>gateway</html>`, "", false},
		{"a part 500", "", `500 {"type":"internal_error","message":"oops"}`, false},
		{"a part malformed", "", `200 {"engagements":[null]}`, false},
	}
	account := func(i int) string { return fmt.Sprintf("ACC-%d", i+1) }
	engs := respelled(localapi.Generate(11, 1600))
	var api *testAPI
	api = startAPI(t, localapi.Options{
		RateLimit: noQuota,
		Intercept: func(w http.ResponseWriter, r *http.Request, _ int, body []byte) bool {
			var f devrev.ListEngagementsRequest
			if json.Unmarshal(body, &f) != nil || len(f.Parent) != 1 {
				return false
			}
			for i, tc := range cases {
				if f.Parent[0] != account(i) {
					continue
				}
				answer := ""
				switch {
				case r.URL.Path == "/engagements.count" && tc.count == "off by one":
					n := len(where(localapi.Items[localapi.Engagement](api.Server, "engagements"), func(e localapi.Engagement) bool { return slices.Contains(e.Parents, account(i)) }))
					answer = fmt.Sprintf(`200 {"count":%d}`, n+1)
				case r.URL.Path == "/engagements.count":
					answer = tc.count
				case r.URL.Path == "/engagements.list" && slices.Equal(f.Type, []string{"email"}):
					answer = tc.part
				}
				if answer == "" {
					return false
				}
				status, text, _ := strings.Cut(answer, " ")
				code, _ := strconv.Atoi(status)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(code)
				_, _ = io.WriteString(w, text)
				return true
			}
			return false
		},
		Counts: map[string]int{"accounts": len(cases)},
		Data:   map[string]any{"engagements": engs},
	})
	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
	var pcs []partitionCase
	var checks []statecheck.StateCheck
	chainPages := make([]int, len(cases)) // pages of one chain of each case
	for i := range cases {
		mine := where(all, func(e localapi.Engagement) bool { return slices.Contains(e.Parents, account(i)) })
		if len(mine) < 100 {
			t.Fatalf("%s has %d engagements: the case proves little", account(i), len(mine))
		}
		pageSize := pageSizeFor(len(mine), devrev.EngagementTypes)
		chainPages[i] = (len(mine) + pageSize - 1) / pageSize
		pcs = append(pcs, partitionCase{sortBy: []string{"created_date:desc"}, args: fmt.Sprintf("parent = [%q]", account(i)),
			pageSize: pageSize})
		checks = append(checks, expectIDs(fmt.Sprintf("data.devrev_engagements.part_%d", i), reversed(mine))...)
		checks = append(checks,
			statecheck.ExpectKnownOutputValue(fmt.Sprintf("same_%d", i), knownvalue.Bool(true)),
			statecheck.ExpectKnownOutputValue(fmt.Sprintf("count_%d", i), knownvalue.Int64Exact(int64(len(mine)))))
	}
	config := strings.Replace(partitionConfig(api, pcs), "endpoint =", "max_retries = 0\n  endpoint =", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})

	// Per case: the count was asked (the partitioned read was tried, once
	// per plan); each read of the pair read one first page over every type,
	// however it ended (the fallback went on from its own); and the chain's
	// later pages were read by the chain data source alone when the parts
	// were used, by both when the partitioned read fell back.
	type tally struct{ counts, firstPages, later int }
	per := make([]tally, len(cases))
	for _, r := range api.Requests() {
		var b devrev.ListEngagementsRequest
		if json.Unmarshal(r.Body, &b) != nil || len(b.Parent) != 1 {
			continue
		}
		for i := range cases {
			if b.Parent[0] != account(i) {
				continue
			}
			switch {
			case r.Path == "/engagements.count":
				per[i].counts++
			case len(b.Type) == 1: // a part
			case b.Cursor == "":
				per[i].firstPages++
			default:
				per[i].later++
			}
		}
	}
	for i, tc := range cases {
		p := per[i]
		chains := 2 // the chain data source's, and the fallback's
		if tc.partsOK {
			chains = 1
		}
		switch {
		case p.counts == 0:
			t.Errorf("%s: no count: the partitioned read was not tried", tc.name)
		case p.firstPages != 2*p.counts:
			t.Errorf("%s: %d first pages for %d reads of the pair, want %d", tc.name, p.firstPages, p.counts, 2*p.counts)
		case p.later != chains*p.counts*(chainPages[i]-1):
			t.Errorf("%s: %d later chain pages for %d reads of the pair, want %d chain(s) of %d pages each",
				tc.name, p.later, p.counts, chains, chainPages[i])
		}
	}
}
