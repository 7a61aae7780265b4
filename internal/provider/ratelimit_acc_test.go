package provider

import (
	"context"
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
// the reads take at most 1.25 times what the limit allows (requests ÷ 25 per
// second). It runs the built provider under the real CLI, one `plan`: once
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
// answered 429, and that the reads took at most 1.25 times what the limit
// allows. It returns the API for further checks.
func sharedBudgetPlan(t *testing.T, cli, cliConfig string, p budgetPlan) *testAPI {
	t.Helper()
	api := startAPI(t, localapi.Options{Count: p.count, DisableRecording: !p.record,
		RateLimit: localapi.RateLimit{Requests: budgetPerSecond, Window: time.Second}})

	all := api.Engagements()
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

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "plan", "-no-color", "-input=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
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

	st := api.RateLimitStats()
	total := st.Allowed + st.Limited
	span := st.Last.Sub(st.First)
	ideal := time.Duration(float64(total) / budgetPerSecond * float64(time.Second))
	oneChain := p.blocks * p.count / p.pageSize
	t.Logf("%d blocks × %d engagements at page_size %d, limit %d/s: %d requests (one chain each: %d), %d answered 429 (%.1f%%); "+
		"first to last request %.2fs, requests ÷ limit %.2fs (ratio %.2f); CLI plan %.2fs",
		p.blocks, p.count, p.pageSize, budgetPerSecond, total, oneChain, st.Limited, 100*float64(st.Limited)/float64(total),
		span.Seconds(), ideal.Seconds(), span.Seconds()/ideal.Seconds(), cliTime.Seconds())
	if st.Allowed < oneChain {
		t.Errorf("%d requests answered, want at least %d", st.Allowed, oneChain)
	}
	if float64(st.Limited) > 0.02*float64(total) {
		t.Errorf("%d of %d requests were answered 429, more than 2%%", st.Limited, total)
	}
	if span > ideal*5/4 {
		t.Errorf("the reads took %v, more than 1.25 × %v", span, ideal)
	}
	return api
}

func digest(ids []string) string {
	sum := sha256.Sum256([]byte(strings.Join(ids, ",")))
	return hex.EncodeToString(sum[:])
}

// Every data source of one configured provider goes through its one client:
// max_concurrency caps the requests in flight across all of them together.
func TestAccMaxConcurrencySharedByDataSources(t *testing.T) {
	var now, peak atomic.Int32
	api := localapi.New(localapi.Options{Token: testToken, Count: 300})
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
