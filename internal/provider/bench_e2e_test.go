package provider

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// TestBenchEndToEnd is the end-to-end half of `make bench` (tools/bench.sh),
// not a test CI runs: the real CLI plans configurations that read 10,000 and
// 50,000 engagements from the local DevRev API, and it reports the wall time
// of the plan, the provider's peak RSS and the size of the state.
//
// The provider binary is started by the test in debug mode and the CLI
// attaches to it (TF_REATTACH_PROVIDERS), so that the provider's own resource
// usage can be read when it exits.
func TestBenchEndToEnd(t *testing.T) {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("DEVREV_BENCH_E2E") == "" || cli == "" {
		t.Skip("run by tools/bench.sh (needs DEVREV_BENCH_E2E=1 and TF_ACC_TERRAFORM_PATH)")
	}
	host := "registry.terraform.io"
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		host = h
	}
	bin := buildProvider(t)
	var rows []string
	for _, n := range []int{10_000, 50_000} {
		rows = append(rows, benchPlan(t, cli, host, bin, n))
	}
	report := "| engagements | plan wall time | provider peak RSS | state size |\n|---:|---:|---:|---:|\n" +
		strings.Join(rows, "\n") + "\n"
	t.Log("\n" + report)
	if out := os.Getenv("DEVREV_BENCH_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func benchPlan(t *testing.T, cli, host, bin string, n int) string {
	api := startAPI(t, localapi.Options{Seed: 1, DisableRecording: true, Counts: map[string]int{"engagements": n}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	prov := exec.CommandContext(ctx, bin, "-debug")
	stdout, err := prov.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	prov.Stderr = nil
	if err := prov.Start(); err != nil {
		t.Fatal(err)
	}
	reattach := readReattach(t, stdout, host)

	dir := cliWorkdir(t, api.URL, `token = "`+testToken+`"`, `data "devrev_engagements" "all" {}`)
	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	runCLI := func(args ...string) (string, time.Duration) {
		cmd := exec.CommandContext(ctx, cli, args...)
		cmd.Dir, cmd.Env = dir, env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", cli, args, err, tail(string(out)))
		}
		return string(out), time.Since(start)
	}
	runCLI("init", "-input=false", "-no-color")
	out, planTime := runCLI("plan", "-input=false", "-no-color", "-out=plan.bin")
	if !strings.Contains(out, fmt.Sprintf("read = %d", n)) {
		t.Fatalf("the plan did not read %d engagements:\n%s", n, tail(out))
	}
	runCLI("apply", "-input=false", "-no-color", "plan.bin")
	state, err := os.Stat(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}

	_ = prov.Process.Signal(os.Interrupt)
	_ = prov.Wait()
	rss := "not measured on " + runtime.GOOS
	if peak, ok := peakRSS(prov.ProcessState); ok {
		rss = fmt.Sprintf("%d MiB", peak>>20)
	}
	return fmt.Sprintf("| %d | %.2f s | %s | %.1f MiB |", n, planTime.Seconds(), rss, float64(state.Size())/(1<<20))
}

var reattachLine = regexp.MustCompile(`TF_REATTACH_PROVIDERS='(.*)'`)

// readReattach reads the reattach configuration the provider prints in
// debug mode, keyed by the address the CLI will look the provider up by.
func readReattach(t *testing.T, stdout interface{ Read([]byte) (int, error) }, host string) string {
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		m := reattachLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var cfg map[string]json.RawMessage
		if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
			t.Fatalf("reattach configuration %s: %v", m[1], err)
		}
		for _, v := range cfg {
			go func() { // keep draining stdout so the provider never blocks on it
				for sc.Scan() {
				}
			}()
			return `{` + strconv.Quote(host+"/seed-19167fad/devrev") + `:` + string(v) + `}`
		}
	}
	t.Fatal("the provider printed no reattach configuration")
	return ""
}
