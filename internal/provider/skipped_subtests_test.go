package provider

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// skipWithoutCLI skips, at its top level, a test whose every subtest
// drives the CLI (resource.Test skips each one without TF_ACC), so that
// plain `go test` reports it skipped rather than passed; inProcess names
// the test that checks the same without a CLI.
func skipWithoutCLI(t *testing.T, inProcess string) {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("drives the CLI: needs TF_ACC=1 (see tools/testacc.sh); %s checks the same in-process", inProcess)
	}
}

// childEnv marks the run of this package's tests that
// TestNoTestPassesWithEverySubtestSkipped starts, which must not start
// another.
const childEnv = "DEVREV_PROVIDER_TEST_CHILD"

// No test of this package passes in plain `go test` with every one of its
// subtests skipped: it would report checks as passed that did not run. The
// package's tests run again (this test binary, without TF_ACC, under
// test2json), and every test that passed is checked for a subtest that
// did not skip.
func TestNoTestPassesWithEverySubtestSkipped(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) != "" || os.Getenv(childEnv) != "" {
		t.Skip("checks plain `go test`: runs without TF_ACC only")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go command for test2json")
	}
	cmd := exec.Command(goTool, "tool", "test2json", os.Args[0], "-test.v=test2json", "-test.count=1",
		"-test.skip", "^TestNoTestPassesWithEverySubtestSkipped$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		// A failing test fails its own run; this one checks only skips.
		t.Logf("the package's tests, run again, failed (%v): %s", err, stderr.String())
	}
	verdicts := skipVerdicts(t, out)
	if len(verdicts) == 0 {
		t.Fatalf("the run reported no tests: %s", stderr.String())
	}
	for name, v := range verdicts {
		if v.action == "pass" && v.subtests > 0 && v.skipped == v.subtests {
			t.Errorf("%s passed with all %d of its subtests skipped: skip it at its top level (skipWithoutCLI) or run its in-process half",
				name, v.subtests)
		}
	}
}

// skipVerdict is how a top-level test ended and how many of its leaf
// subtests (those without subtests of their own) skipped.
type skipVerdict struct {
	action            string
	subtests, skipped int
}

// skipVerdicts reads test2json's events: every top-level test's verdict.
func skipVerdicts(t *testing.T, out []byte) map[string]*skipVerdict {
	t.Helper()
	ended := map[string]string{} // test name: pass, skip or fail
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var ev struct{ Action, Test string }
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || ev.Test == "" {
			continue
		}
		if ev.Action == "pass" || ev.Action == "skip" || ev.Action == "fail" {
			ended[ev.Test] = ev.Action
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	hasSubtests := map[string]bool{}
	for name := range ended {
		if i := strings.LastIndex(name, "/"); i >= 0 {
			hasSubtests[name[:i]] = true
		}
	}
	verdicts := map[string]*skipVerdict{}
	for name, action := range ended {
		top, _, isSub := strings.Cut(name, "/")
		v := verdicts[top]
		if v == nil {
			v = &skipVerdict{}
			verdicts[top] = v
		}
		switch {
		case !isSub:
			v.action = action
		case !hasSubtests[name]:
			v.subtests++
			if action == "skip" {
				v.skipped++
			}
		}
	}
	return verdicts
}
