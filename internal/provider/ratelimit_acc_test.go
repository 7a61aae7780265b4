package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Eight devrev_engagements blocks in one plan, each reading 1,000
// engagements at page_size = 50, against a DevRev that allows 25 requests a
// second to everyone: the reads share the provider's one rate budget, so
// all of them are right, at most 2% of the requests are answered 429, and
// the provider holds its requests back for the limit at most 1.25 times as
// long as the limit requires (requests ÷ 25 per second). It runs the built provider under the real CLI, one `plan`: once
// with each block one chain of pages (no sort_by), once with sort_by. At
// 1,000 engagements and 50 a page a sorted read is too small to partition
// (under four pages per type, see internal/devrev/partition.go), so it is one
// chain plus the engagements.count that decides so;
// TestAccPartitionedReadsUnderRateLimit holds partitioned reads to the same
// budget.
func TestAccRateLimitSharedBudget(t *testing.T) {
	cli := requireCLI(t)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	for _, tc := range []struct {
		name      string
		sortOrder func(block int) string
	}{
		{"one chain per block", func(int) string { return "" }},
		{"sorted (one chain and a count)", alternateSortOrder},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sharedBudgetPlan(t, cli, cliConfig, budgetPlan{blocks: 8, count: 1000, pageSize: 50, sortOrder: tc.sortOrder})
		})
	}
}

// alternateSortOrder sorts every other block the other way round.
func alternateSortOrder(block int) string {
	return []string{"created_date:asc", "created_date:desc"}[block%2]
}

// budgetPlan is one plan of several whole devrev_engagements reads against a
// local DevRev API that allows budgetPerSecond requests a second to everyone.
type budgetPlan struct {
	blocks, count, pageSize int
	sortOrder               func(block int) string // "" leaves sort_by out
	record                  bool                   // keep the API's request log for checks after the plan
}

const budgetPerSecond = 25

// sharedBudgetPlan runs p through the real CLI and checks that every block
// read every engagement in its order, that at most 2% of the requests were
// answered 429, and that the provider held requests back for the limit at
// most 1.25 times as long as the limit requires. It returns the API for
// further checks.
//
// The wall time of the reads is logged, not checked: on a busy machine the
// CLI and the provider take longer for reasons of their own. What the
// provider decides is in its debug log, where every wait for the limit
// names the moment it waits for (heldForRateLimit); a wait ends at a moment
// DevRev named, so the busier the machine, the shorter the waits.
func sharedBudgetPlan(t *testing.T, cli, cliConfig string, p budgetPlan) *testAPI {
	t.Helper()
	api := startAPI(t, localapi.Options{
		DisableRecording: !p.record,
		RateLimit:        localapi.RateLimit{Requests: budgetPerSecond, Window: time.Second},
		Counts:           map[string]int{"engagements": p.count},
	})

	all := localapi.Items[localapi.Engagement](api.Server, "engagements")
	ids := make([]string, len(all))
	for i, e := range all {
		ids[i] = e.ID
	}
	asc := digest(ids)
	slices.Reverse(ids)
	desc := digest(ids)

	var cfg strings.Builder
	want := map[string]string{}
	for i := range p.blocks {
		order, sum := p.sortOrder(i), asc
		sortBy := ""
		if order != "" {
			sortBy = fmt.Sprintf("  sort_by   = [%q]\n", order)
		}
		if strings.HasSuffix(order, ":desc") {
			sum = desc
		}
		fmt.Fprintf(&cfg, `data "devrev_engagements" "r%d" {
  page_size = %d
%s}
output "r%d" { value = "${length(data.devrev_engagements.r%d.ids)} ${sha256(join(",", data.devrev_engagements.r%d.ids))}" }
`, i, p.pageSize, sortBy, i, i, i)
		want[fmt.Sprintf("r%d", i)] = fmt.Sprintf("%d %s", p.count, sum)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
`+api.providerBlock()+cfg.String())

	logPath := filepath.Join(t.TempDir(), "plan.log")
	cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1",
		"TF_LOG=", "TF_LOG_CORE=", "TF_LOG_PROVIDER=DEBUG", "TF_LOG_PATH="+logPath)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	cliTime := time.Since(start)
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, tail(string(out)))
	}
	for name, w := range want {
		m := regexp.MustCompile(`(?m)^\s*\+\s*` + name + `\s*=\s*"([^"]*)"`).FindStringSubmatch(string(out))
		if m == nil || m[1] != w {
			t.Errorf("output %s = %v, want %q", name, m, w)
		}
	}

	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	held, waits := heldForRateLimit(t, string(log))

	st := api.RateLimitStats()
	total := st.Allowed + st.Limited
	span := st.Last.Sub(st.First)
	ideal := time.Duration(float64(total) / budgetPerSecond * float64(time.Second))
	oneChain := p.blocks * p.count / p.pageSize
	t.Logf("%d blocks × %d engagements at page_size %d, limit %d/s: %d requests (one chain each: %d), %d answered 429 (%.1f%%); "+
		"requests ÷ limit %.2fs; held for the limit %.2fs in %d waits (ratio %.2f); first to last request %.2fs (ratio %.2f); CLI plan %.2fs",
		p.blocks, p.count, p.pageSize, budgetPerSecond, total, oneChain, st.Limited, 100*float64(st.Limited)/float64(total),
		ideal.Seconds(), held.Seconds(), waits, held.Seconds()/ideal.Seconds(), span.Seconds(), span.Seconds()/ideal.Seconds(), cliTime.Seconds())
	if st.Allowed < oneChain {
		t.Errorf("%d requests answered, want at least %d", st.Allowed, oneChain)
	}
	if float64(st.Limited) > 0.02*float64(total) {
		t.Errorf("%d of %d requests were answered 429, more than 2%%", st.Limited, total)
	}
	if held > ideal*5/4 {
		t.Errorf("the provider held requests back for the rate limit for %v in all, more than 1.25 × %v (requests ÷ limit)", held, ideal)
	}
	return api
}

// heldForRateLimit reads a provider debug log and returns for how long in all
// the provider held requests back for the rate limit, and how many waits
// that took: the union of the logged waits, each from `until` less `wait` to
// `until`. Requests in flight together wait for the same moment, so the sum
// of their waits would count the same second several times. (A retry's
// backoff after a 429 is not logged with its length; the 429s are checked
// apart.) It fails the test when the log has no provider request in it, which
// would leave nothing to read.
func heldForRateLimit(t *testing.T, log string) (time.Duration, int) {
	t.Helper()
	if !strings.Contains(log, "Sending DevRev API request") {
		t.Fatalf("the log has no provider request in it: TF_LOG_PROVIDER did not reach the provider:\n%s", tail(log))
	}
	waitRe := regexp.MustCompile(`\bwait=(\S+)`)
	untilRe := regexp.MustCompile(`\buntil=(\S+)`)
	type span struct{ from, to time.Time }
	var spans []span
	for _, line := range strings.Split(log, "\n") {
		if !strings.Contains(line, "Waiting for DevRev's rate limit") {
			continue
		}
		w, u := waitRe.FindStringSubmatch(line), untilRe.FindStringSubmatch(line)
		if w == nil || u == nil {
			t.Fatalf("a wait without its length and moment: %s", line)
		}
		wait, err1 := time.ParseDuration(strings.Trim(w[1], `"`))
		until, err2 := time.Parse(time.RFC3339Nano, strings.Trim(u[1], `"`))
		if err1 != nil || err2 != nil {
			t.Fatalf("unreadable wait (%v, %v): %s", err1, err2, line)
		}
		spans = append(spans, span{until.Add(-wait), until})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	var held time.Duration
	var end time.Time
	for _, s := range spans {
		if s.from.Before(end) {
			s.from = end // the part before end is counted already
		}
		if s.to.After(s.from) {
			held += s.to.Sub(s.from)
			end = s.to
		}
	}
	return held, len(spans)
}

func digest(ids []string) string {
	sum := sha256.Sum256([]byte(strings.Join(ids, ",")))
	return hex.EncodeToString(sum[:])
}

// Every data source of one configured provider goes through its one client:
// max_concurrency caps the requests in flight across all of them together.
func TestAccMaxConcurrencySharedByDataSources(t *testing.T) {
	var now, peak atomic.Int32
	api := localapi.New(localapi.Options{Token: testToken, Counts: map[string]int{"engagements": 300}})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		now.Add(-1)
		api.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ta := &testAPI{Server: api, URL: srv.URL}

	var cfg strings.Builder
	for i := range 4 {
		fmt.Fprintf(&cfg, "data \"devrev_engagements\" \"l%d\" {\n  page_size = 20\n}\n", i)
		fmt.Fprintf(&cfg, "data \"devrev_engagements_count\" \"c%d\" {}\n", i)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: ta.providerBlock("max_concurrency = 2") + cfg.String(),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.devrev_engagements.l3", "ids.#", "300"),
				resource.TestCheckResourceAttr("data.devrev_engagements_count.c3", "total", "300"),
			),
		}},
	})
	if got := peak.Load(); got != 2 {
		t.Errorf("at most %d requests were in flight, want exactly max_concurrency = 2", got)
	}
}
