package provider

import (
	"path/filepath"
	"slices"
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
	// for every engagement type on its own, in both sort orders.
	bySort, counts := partRequests(t, api)
	if counts != blocks || len(bySort) != 2 {
		t.Fatalf("%d counts and parts %v: the reads were not partitioned", counts, bySort)
	}
	for order, parts := range bySort {
		if !slices.Equal(parts, devrev.EngagementTypes) {
			t.Errorf("the %s reads had parts %v, want one per type %v", order, parts, devrev.EngagementTypes)
		}
	}
}
