package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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

// benchLatency is the round trip the partitioned-read benchmark gives every
// request: a modest figure for a SaaS API returning 100 objects.
const benchLatency = 100 * time.Millisecond

// benchList is one list the partitioned-read benchmark reads: its data
// source, its list path and response key, the local API serving n of its
// objects, and the client's read of them all sorted by created_date:desc.
type benchList struct {
	dataSource, path, key string // "devrev_works", "/works.list", "works"
	options               func(n int) localapi.Options
	read                  func(*devrev.Client) (int, error)
	// planBar and readBar are the most the sorted plan, and the client's
	// sorted read alone, may take as a fraction of the loop's time (0: no
	// bar).
	planBar, readBar float64
}

var benchSorted = devrev.Paging{SortBy: []string{"created_date:desc"}}

var (
	benchEngagements = benchList{"devrev_engagements", "/engagements.list", "engagements",
		func(n int) localapi.Options {
			return localapi.Options{Seed: 1, Counts: map[string]int{"engagements": n}}
		},
		func(c *devrev.Client) (int, error) {
			w, err := c.ListEngagements(context.Background(), devrev.ListEngagementsRequest{Paging: benchSorted}, devrev.ListOptions{})
			if err != nil {
				return 0, err
			}
			return len(w.Items), nil
		}, 0.5, 0}
	// Works: the bar is on the client's read, which partitioning makes
	// fast; the CLI's own time for 10,000 works is a large share of the
	// loop's by itself (the plan without latency, tools/performance.md).
	benchWorks = benchList{"devrev_works", "/works.list", "works",
		func(n int) localapi.Options { return localapi.Options{Seed: 1, Counts: map[string]int{"works": n}} },
		func(c *devrev.Client) (int, error) {
			w, err := c.ListWorks(context.Background(), devrev.ListWorksRequest{Paging: benchSorted}, devrev.ListOptions{})
			if err != nil {
				return 0, err
			}
			return len(w.Items), nil
		}, 0, 0.35}
)

// TestBenchPartitioned is the partitioned-read line of `make bench`
// (tools/bench.sh), not a test CI runs. Against the local DevRev API with
// 100 ms per request and 10,000 engagements, it times a whole read sorted by
// created_date:desc: one sequential paging loop (what any client of the API
// does, written by hand with net/http), and the provider through the CLI's
// plan, unsorted (one cursor chain) and sorted (partitioned by type). It
// fails unless the sorted plan takes at most half the loop's time with at
// most 1.15 times its requests: the acceptance bar of partitioned reads.
//
// The plans the bar applies to read the data source and nothing else, as
// the loop does: the CLI decodes the provider's answer and keeps it in its
// state. A configuration that then uses the data pays once more, whoever
// read it and however: the CLI decodes its whole state entry again to
// evaluate the first expression that refers to it (tools/performance.md,
// "Partitioned reads"). The table shows that plan too, with one output
// using the data, so that neither figure hides the other.
func TestBenchPartitioned(t *testing.T) {
	benchPartitioned(t, benchEngagements, "DEVREV_BENCH_PARTITION_OUT")
}

// TestBenchPartitionedWorks is the same table for 10,000 works,
// partitioned by type (four parts, the largest the tickets); it fails
// unless the client's sorted read takes at most 0.35 times the loop's time
// with at most 1.15 times its requests.
func TestBenchPartitionedWorks(t *testing.T) {
	benchPartitioned(t, benchWorks, "DEVREV_BENCH_PARTITION_WORKS_OUT")
}

func benchPartitioned(t *testing.T, l benchList, outVar string) {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("DEVREV_BENCH_E2E") == "" || cli == "" {
		t.Skip("run by tools/bench.sh (needs DEVREV_BENCH_E2E=1 and TF_ACC_TERRAFORM_PATH)")
	}
	const n = 10_000
	const sorted = `{ sort_by = ["created_date:desc"] }`
	opts := l.options(n)
	opts.Latency = benchLatency
	api := startAPI(t, opts)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))

	loopTime, loopReqs := benchPagingLoop(t, api, n, l)
	readTime, readReqs := benchClientRead(t, api, n, l)
	chainTime, chainReqs := benchPlanRead(t, cli, cliConfig, api, n, l, `{}`, false)
	partTime, partReqs := benchPlanRead(t, cli, cliConfig, api, n, l, sorted, false)
	usedTime, usedReqs := benchPlanRead(t, cli, cliConfig, api, n, l, sorted, true)
	// The same plan without latency: what the CLI and the provider spend
	// whatever the network, so that a slow run can be told apart from a
	// slow read.
	noLatency := startAPI(t, l.options(n))
	floorTime, floorReqs := benchPlanRead(t, cli, cliConfig, noLatency, n, l, sorted, false)

	row := func(what string, d time.Duration, reqs int) string {
		return fmt.Sprintf("| %s | %.2f s | %d | %.2f | %.2f |", what, d.Seconds(), reqs,
			d.Seconds()/loopTime.Seconds(), float64(reqs)/float64(loopReqs))
	}
	report := fmt.Sprintf("%d %s, %v per request, page size 100.\n\n", n, l.key, benchLatency) +
		"| read | wall time | requests | time / loop | requests / loop |\n|---|---:|---:|---:|---:|\n" +
		row("sequential paging loop, `created_date:desc` (Go, net/http)", loopTime, loopReqs) + "\n" +
		row("the client alone (no CLI), `created_date:desc`", readTime, readReqs) + "\n" +
		row("provider, one cursor chain (no `sort_by`), plan", chainTime, chainReqs) + "\n" +
		row("provider, `sort_by = [\"created_date:desc\"]`, plan", partTime, partReqs) + "\n" +
		row("the same plan, with an output that uses the data (`length(ids)`)", usedTime, usedReqs) + "\n" +
		row("the same plan as the third line, with no latency (the CLI's and the provider's own time)", floorTime, floorReqs) + "\n"
	t.Log("\n" + report)
	if out := os.Getenv(outVar); out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, bar := range []struct {
		what  string
		ratio float64
		took  time.Duration
		reqs  int
	}{{"sorted plan", l.planBar, partTime, partReqs}, {"client's sorted read", l.readBar, readTime, readReqs}} {
		if bar.ratio > 0 && (bar.took.Seconds() > bar.ratio*loopTime.Seconds() || float64(bar.reqs) > 1.15*float64(loopReqs)) {
			t.Errorf("the %s took %v and %d requests; the bar is at most %.2fs (%.2f times the loop's) and %.0f requests (1.15 times the loop's)",
				bar.what, bar.took, bar.reqs, bar.ratio*loopTime.Seconds(), bar.ratio, 1.15*float64(loopReqs))
		}
	}
}

// benchClientRead reads every object of l sorted by created_date:desc
// through the client alone, as the provider does, without a CLI.
func benchClientRead(t *testing.T, api *testAPI, n int, l benchList) (time.Duration, int) {
	c, err := devrev.New(devrev.Options{Endpoint: api.URL, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	api.ResetRequests()
	start := time.Now()
	read, err := l.read(c)
	took := time.Since(start)
	if err != nil || read != n {
		t.Fatalf("the client read %d %s: %v", read, l.key, err)
	}
	return took, len(api.Requests())
}

// benchPagingLoop reads every object of l sorted by created_date:desc the
// way a hand-written client does: one request after the other, following
// next_cursor.
func benchPagingLoop(t *testing.T, api *testAPI, n int, l benchList) (time.Duration, int) {
	api.ResetRequests()
	start := time.Now()
	read, requests := 0, 0
	cursor := ""
	for {
		body, _ := json.Marshal(map[string]any{"sort_by": []string{"created_date:desc"}, "limit": 100, "cursor": cursor})
		req, err := http.NewRequest(http.MethodPost, api.URL+l.path, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var page map[string]json.RawMessage
		err = json.NewDecoder(resp.Body).Decode(&page)
		var items []json.RawMessage
		var next string
		if err == nil {
			err = json.Unmarshal(page[l.key], &items)
		}
		if c, ok := page["next_cursor"]; ok && err == nil {
			err = json.Unmarshal(c, &next)
		}
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("page %d: HTTP %d, %v", requests+1, resp.StatusCode, err)
		}
		requests++
		read += len(items)
		if next == "" {
			break
		}
		cursor = next
	}
	took := time.Since(start)
	if read != n || len(api.Requests()) != requests {
		t.Fatalf("the loop read %d %s in %d requests (the server saw %d)", read, l.key, requests, len(api.Requests()))
	}
	return took, requests
}

// benchPlanRead plans a configuration that reads every object of l with
// the given data source body, checks that the provider read n, and
// returns the plan's wall time and the requests the API received. With use,
// the configuration also outputs how many it read (cliWorkdir's output).
// Without, nothing refers to the data source, and the count comes from the
// provider's debug log line of the read.
func benchPlanRead(t *testing.T, cli, cliConfig string, api *testAPI, n int, l benchList, data string, use bool) (time.Duration, int) {
	dir := cliWorkdir(t, api.URL, `token = "`+testToken+`"`, `data "`+l.dataSource+`" "all" `+data)
	want := regexp.MustCompile(fmt.Sprintf(`read\s+= %d\b`, n))
	main := filepath.Join(dir, "main.tf")
	cfg, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	output := "output \"read\" { value = length(data." + l.dataSource + ".all.ids) }"
	if !use {
		output = ""
		want = regexp.MustCompile(fmt.Sprintf(`Read DevRev %s:.*\bitems=%d\b`, l.key, n))
	}
	write(t, main, regexp.MustCompile(`(?m)^output .*$`).ReplaceAllString(string(cfg), output))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "plan", "-input=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	if !use {
		cmd.Env = append(cmd.Env, "TF_LOG_PROVIDER=DEBUG")
	}
	api.ResetRequests()
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("%s plan: %v\n%s", cli, err, tail(string(out)))
	}
	if !want.Match(out) {
		t.Fatalf("the plan did not read %d %s (no match for %s):\n%s", n, l.key, want, tail(string(out)))
	}
	return took, len(api.Requests())
}

// TestBenchPartitionedConcurrency is the table behind DefaultMaxConcurrency
// (run by tools/bench.sh): the client alone, without a CLI, reads the same
// 10,000 engagements sorted by created_date:desc with 100 ms per request, as
// one chain and partitioned under several caps on requests in flight.
func TestBenchPartitionedConcurrency(t *testing.T) {
	if os.Getenv("DEVREV_BENCH_E2E") == "" {
		t.Skip("run by tools/bench.sh (needs DEVREV_BENCH_E2E=1)")
	}
	const n = 10_000
	api := startAPI(t, localapi.Options{Seed: 1, Latency: benchLatency, Counts: map[string]int{"engagements": n}})
	req := devrev.ListEngagementsRequest{Paging: devrev.Paging{SortBy: []string{"created_date:desc"}}}
	var rows []string
	for _, inFlight := range []int{1, 4, 8, 10, 12, 16, 24} {
		c, err := devrev.New(devrev.Options{Endpoint: api.URL, Token: testToken, MaxConcurrency: inFlight})
		if err != nil {
			t.Fatal(err)
		}
		api.ResetRequests()
		start := time.Now()
		w, err := c.ListEngagements(context.Background(), req, devrev.ListOptions{})
		took := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Items) != n {
			t.Fatalf("max_concurrency %d: read %d engagements", inFlight, len(w.Items))
		}
		rows = append(rows, fmt.Sprintf("| %d | %.2f s | %d |", inFlight, took.Seconds(), len(api.Requests())))
	}
	report := "| max_concurrency | client read time | requests |\n|---:|---:|---:|\n" + strings.Join(rows, "\n") + "\n"
	t.Log("\n" + report)
	if out := os.Getenv("DEVREV_BENCH_CONCURRENCY_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
