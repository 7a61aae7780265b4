package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Partitioned reads under the shared rate limit of TestAccRateLimitSharedBudget
// (25 requests a second for everyone): four devrev_engagements blocks in one
// plan, each a whole sorted read of 1,000 engagements at page_size = 25, large
// enough to be read in 9 parts at once (up to max_concurrency requests in
// flight). Every read is right, at most 2% of the requests are answered 429,
// and the reads take at most 1.25 times what the limit allows.
func TestAccPartitionedReadsUnderRateLimit(t *testing.T) {
	cli := requireCLI(t)
	const (
		blocks   = 4
		count    = 1000
		pageSize = 25
		perSec   = 25
	)
	api := startAPI(t, localapi.Options{Count: count,
		RateLimit: localapi.RateLimit{Requests: perSec, Window: time.Second}})
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))

	all := api.Engagements()
	ids := make([]string, len(all))
	for i, e := range all {
		ids[i] = e.ID
	}
	asc := digest(ids)
	desc := digest(func() []string {
		r := make([]string, len(ids))
		for i, id := range ids {
			r[len(ids)-1-i] = id
		}
		return r
	}())

	var cfg strings.Builder
	want := map[string]string{}
	for i := range blocks {
		order, sum := "created_date:asc", asc
		if i%2 == 1 {
			order, sum = "created_date:desc", desc
		}
		fmt.Fprintf(&cfg, `data "devrev_engagements" "p%d" {
  page_size = %d
  sort_by   = [%q]
}
output "p%d" { value = "${length(data.devrev_engagements.p%d.ids)} ${sha256(join(",", data.devrev_engagements.p%d.ids))}" }
`, i, pageSize, order, i, i, i)
		want[fmt.Sprintf("p%d", i)] = fmt.Sprintf("%d %s", count, sum)
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
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, tail(string(out)))
	}
	for name, w := range want {
		m := regexp.MustCompile(`(?m)^\s*\+\s*` + name + `\s*=\s*"([^"]*)"`).FindStringSubmatch(string(out))
		if m == nil || m[1] != w {
			t.Errorf("output %s = %v, want %q", name, m, w)
		}
	}

	// The reads were partitioned: one count per block, and list requests
	// for every engagement type on its own.
	counts, parts := 0, map[string]bool{}
	for _, r := range api.Requests() {
		switch r.Path {
		case "/engagements.count":
			counts++
		case "/engagements.list":
			var b devrev.ListEngagementsRequest
			if err := json.Unmarshal(r.Body, &b); err != nil {
				t.Fatal(err)
			}
			if len(b.Type) == 1 {
				parts[b.Type[0]] = true
			}
		}
	}
	if counts != blocks || len(parts) != len(devrev.EngagementTypes) {
		t.Fatalf("%d counts and parts %v: the reads were not partitioned", counts, parts)
	}

	st := api.RateLimitStats()
	total := st.Allowed + st.Limited
	span := st.Last.Sub(st.First)
	ideal := time.Duration(float64(total) / perSec * float64(time.Second))
	t.Logf("%d partitioned reads × %d engagements at page_size %d, limit %d/s: %d requests (one chain each: %d), %d answered 429 (%.1f%%); "+
		"first to last request %.2fs, requests ÷ limit %.2fs (ratio %.2f)",
		blocks, count, pageSize, perSec, total, blocks*count/pageSize, st.Limited, 100*float64(st.Limited)/float64(total),
		span.Seconds(), ideal.Seconds(), span.Seconds()/ideal.Seconds())
	if float64(st.Limited) > 0.02*float64(total) {
		t.Errorf("%d of %d requests were answered 429, more than 2%%", st.Limited, total)
	}
	if span > ideal*5/4 {
		t.Errorf("the reads took %v, more than 1.25 × %v", span, ideal)
	}
}
