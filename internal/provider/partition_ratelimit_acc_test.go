package provider

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
)

// Partitioned reads under the shared rate limit of TestAccRateLimitSharedBudget
// (25 requests a second for everyone): four devrev_engagements blocks in one
// plan, each a whole sorted read of 1,000 engagements at page_size = 25, large
// enough to be read in 9 parts at once (up to max_concurrency requests in
// flight). Every read is right, at most 2% of the requests are answered 429,
// and the reads take at most 1.25 times what the limit allows.
func TestAccPartitionedReadsUnderRateLimit(t *testing.T) {
	cli := requireCLI(t)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	const blocks = 4
	api := sharedBudgetPlan(t, cli, cliConfig,
		budgetPlan{blocks: blocks, count: 1000, pageSize: 25, sortOrder: alternateSortOrder, record: true})

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
}
