package provider

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The tests in this file run the provider as users run it: a built binary,
// found through dev_overrides, driven by the real CLI.

// requireCLI returns the CLI the acceptance tests run, or skips.
func requireCLI(t *testing.T) string {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (see tools/testacc.sh)")
	}
	return cli
}

// devOverrides writes a CLI configuration that makes the CLI use the
// provider binaries in dir, under both registries' addresses.
func devOverrides(t *testing.T, dir string) string {
	cliConfig := filepath.Join(t.TempDir(), "dev.tfrc")
	write(t, cliConfig, `provider_installation {
  dev_overrides {
    "registry.terraform.io/seed-19167fad/devrev" = "`+dir+`"
    "registry.opentofu.org/seed-19167fad/devrev" = "`+dir+`"
  }
  direct {}
}
`)
	return cliConfig
}

// cliWorkdir writes a configuration that reads devrev_engagements.all from
// endpoint and outputs how many it read ("read = N"), and returns its folder.
// provider holds the provider block's other arguments.
func cliWorkdir(t *testing.T, endpoint, provider, data string) string {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
provider "devrev" {
  endpoint = "`+endpoint+`"
  `+provider+`
}
`+data+`
output "read" { value = length(data.devrev_engagements.all.ids) }
`)
	return dir
}

// With TF_LOG=trace the token appears nowhere in what the CLI prints, even
// through retries and errors.
func TestAccTokenNeverLogged(t *testing.T) {
	cli := requireCLI(t)
	const secret = "s3cr3t-token-7a4e9b21"
	api := startAPI(t, localapi.Options{
		Token: secret,
		Faults: []localapi.Fault{
			{Kind: localapi.RateLimited, Path: "/engagements.list", After: 1, Times: 1, RetryAfter: "1"},
			{Kind: localapi.InternalError, Path: "/engagements.list", After: 2, Times: 1},
		},
		Counts: map[string]int{"engagements": 120},
	})

	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	for _, tc := range []struct {
		name, provider string
		wantOK         bool
	}{
		{"token in config", `token = "` + secret + `"`, true},
		{"token in Bearer form", `token = "Bearer ` + secret + `"`, true},
		{"token from DEVREV_TOKEN", ``, true},
		{"rejected token", `token = "` + secret + `-wrong"`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := cliWorkdir(t, api.URL, "max_retries = 2\n"+tc.provider,
				`data "devrev_engagements" "all" { page_size = 50 }`)
			api.ResetRequests()
			cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TF_LOG=trace", "TF_CLI_CONFIG_FILE="+cliConfig,
				"DEVREV_TOKEN="+secret, "CHECKPOINT_DISABLE=1")
			out, err := cmd.CombinedOutput()
			text := string(out)
			if (err == nil) != tc.wantOK {
				t.Fatalf("plan error = %v, want success %v:\n%s", err, tc.wantOK, tail(text))
			}
			if tc.wantOK && !strings.Contains(text, "read = 120") {
				t.Fatalf("the plan did not read 120 engagements:\n%s", tail(text))
			}
			// The log must be there, or the test would prove nothing.
			if !strings.Contains(text, "Sending DevRev API request") || !strings.Contains(text, "Authorization") {
				t.Fatalf("no provider request log in TF_LOG=trace output:\n%s", tail(text))
			}
			if strings.Contains(text, secret) || strings.Contains(text, secret[:12]) {
				for _, line := range strings.Split(text, "\n") {
					if strings.Contains(line, secret[:12]) {
						t.Errorf("token leaked: %s", line)
					}
				}
			}
			if len(api.Requests()) == 0 {
				t.Fatal("no request reached the API")
			}
		})
	}
}

// Ctrl-C during a plan stops a read that is waiting on DevRev at once, and
// leaves no provider process behind. DevRev holds the second page for an
// hour: a read that Ctrl-C did not stop, or a provider process that stayed,
// hangs the test until go test -timeout, whatever a busy machine's pace.
func TestAccInterruptStopsRead(t *testing.T) {
	cli := requireCLI(t)
	if runtime.GOOS == "windows" {
		t.Skip("sends the CLI SIGINT (Ctrl-C), which Go cannot send to a process on Windows")
	}
	api := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.Slow, Path: "/engagements.list", After: 1, Delay: time.Hour},
		},
		Counts: map[string]int{"engagements": 300},
	})
	bin := freshProvider(t) // its own: providerRunning looks for this binary
	cliConfig := devOverrides(t, filepath.Dir(bin))
	dir := cliWorkdir(t, api.URL, `token = "`+testToken+`"`, `data "devrev_engagements" "all" {}`)
	var out bytes.Buffer
	cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &out
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Kill() }()

	// Wait until the second page request is hanging on the slow API.
	for len(api.listRequests()) < 2 {
		select {
		case err := <-done:
			t.Fatalf("the plan ended (%v) before its read reached the second page:\n%s", err, tail(out.String()))
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err == nil {
		t.Fatalf("the interrupted plan succeeded:\n%s", tail(out.String()))
	}
	// go-plugin stops the provider when the CLI exits.
	requireProcFS(t)
	for providerRunning(bin) {
		time.Sleep(100 * time.Millisecond)
	}
}

// requireProcFS skips the rest of a test on systems without Linux's /proc,
// which providerRunning reads: there it could find nothing, and the check
// would pass without having looked.
func requireProcFS(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skipf("the check that no provider process is left reads /proc, which %s does not have; it runs on Linux", runtime.GOOS)
	}
	// The scan must at least find this test's own process, or a /proc it
	// cannot read would make every "no provider left" check pass.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if !providerRunning(self) {
		t.Fatalf("scanning /proc does not find this test's own process (%s); cannot check for leftover processes", self)
	}
}

// providerRunning reports whether a process runs the binary at path. It
// reads /proc: call requireProcFS first.
func providerRunning(path string) bool {
	procs, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, exe := range procs {
		if target, err := os.Readlink(exe); err == nil && target == path {
			return true
		}
	}
	return false
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}
