//go:build unix

package provider

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The provider's memory under the real CLI: whatever DevRev answers, the
// provider does not crash, and its peak resident set stays within 1.5
// times the documented bound (devrev.MemoryLimit), with one read whose
// first item is long and with ten large reads in one plan. The peak is
// read by a wrapper the CLI starts in the provider's place (through
// dev_overrides): it runs the real provider as its child, on the same
// stdio, and writes the child's peak RSS once it exits.
func TestAccProviderMemory(t *testing.T) {
	cli := requireCLI(t)
	dir, peaks := rssWrapper(t, buildProvider(t))
	cliConfig := devOverrides(t, dir)
	bound := int64(devrev.MemoryLimit) * 3 / 2

	// plan runs the CLI on main.tf and returns what it printed, whether it
	// succeeded, and the provider's largest peak RSS over its runs.
	plan := func(t *testing.T, main string) (string, bool, int64) {
		t.Helper()
		work := t.TempDir()
		write(t, filepath.Join(work, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
`+main)
		_ = os.Remove(peaks)
		cmd := exec.Command(cli, "plan", "-no-color", "-input=false", "-refresh=false")
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_LOG=", "GOMEMLIMIT=")
		out, err := cmd.CombinedOutput()
		peak, ok := maxPeak(peaks)
		if !ok {
			t.Fatalf("no peak RSS recorded (the provider never ran, or never ended):\n%s", tail(string(out)))
		}
		return string(out), err == nil, peak
	}
	crashed := func(t *testing.T, out string) {
		t.Helper()
		for _, s := range []string{"out of memory", "plugin crashed", "Plugin did not respond", "panic:", "fatal error"} {
			if strings.Contains(out, s) {
				t.Fatalf("the provider crashed (%q):\n%s", s, tail(out))
			}
		}
	}

	t.Run("a long first item", func(t *testing.T) {
		// 9,999 short engagements after one with a 4 MB title: the state
		// encoder once set aside 4 MB for every one of them.
		engs := localapi.Generate(27, 10_000)
		slices.SortFunc(engs, func(a, b localapi.Engagement) int {
			return strings.Compare(a.CreatedDate+"\x00"+a.ID, b.CreatedDate+"\x00"+b.ID)
		})
		engs[0].Title = strings.Repeat("long title ", 4<<20/11)
		api := startAPI(t, localapi.Options{DisableRecording: true, Data: map[string]any{"engagements": engs}})
		out, ok, peak := plan(t, api.providerBlock()+`
data "devrev_engagements" "all" {}
output "read" { value = length(data.devrev_engagements.all.ids) }
`)
		crashed(t, out)
		if !ok || !strings.Contains(out, "read = 10000") {
			t.Fatalf("plan failed or read the wrong number:\n%s", tail(out))
		}
		t.Logf("peak RSS of the provider: %d MiB", peak>>20)
		if peak > bound {
			t.Errorf("the provider's peak RSS was %d MiB; want at most %d MiB (1.5 × its documented %d MiB)", peak>>20, bound>>20, devrev.MemoryLimit>>20)
		}
	})

	t.Run("ten large reads at once", func(t *testing.T) {
		// Ten data sources, each of which alone passes the byte bound with
		// items of 600 KB: the CLI reads them side by side (-parallelism
		// defaults to 10), and what they hold together stays within one
		// budget, where each once had a bound of its own.
		engs := localapi.Generate(27, 480)
		title := strings.Repeat("x", 600<<10)
		for i := range engs {
			engs[i].Title = title
		}
		api := startAPI(t, localapi.Options{DisableRecording: true, Data: map[string]any{"engagements": engs}})
		main := api.providerBlock()
		for i := range 10 {
			main += fmt.Sprintf("data \"devrev_engagements\" \"r%d\" {}\n", i)
		}
		out, ok, peak := plan(t, main)
		crashed(t, out)
		if ok || !strings.Contains(out, "read too large") {
			t.Fatalf("plan succeeded, or failed for another reason than the byte bound:\n%s", tail(out))
		}
		t.Logf("peak RSS of the provider: %d MiB", peak>>20)
		if peak > bound {
			t.Errorf("the provider's peak RSS was %d MiB; want at most %d MiB (1.5 × its documented %d MiB)", peak>>20, bound>>20, devrev.MemoryLimit>>20)
		}
	})
}

// Paging failures as the CLI shows them: a page that fails to decode ends
// the read without waiting for the next page's Retry-After, and a server
// that sends one item per page is followed for MaxShortPages short pages.
func TestAccPagingBounds(t *testing.T) {
	cli := requireCLI(t)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	plan := func(t *testing.T, endpoint string) string {
		t.Helper()
		work := t.TempDir()
		write(t, filepath.Join(work, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
provider "devrev" {
  endpoint    = "`+endpoint+`"
  token       = "`+testToken+`"
  max_retries = 3
}
data "devrev_accounts" "all" {}
`)
		cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "DEVREV_TOKEN=", "DEVREV_ENDPOINT=")
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Fatalf("plan succeeded:\n%s", tail(string(out)))
		}
		return string(out)
	}

	t.Run("a page that fails to decode", func(t *testing.T) {
		var next atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "application/json")
			if !strings.Contains(string(body), `"cursor"`) {
				_, _ = io.WriteString(w, `{"accounts":[{"id":5}],"next_cursor":"c1"}`)
				return
			}
			next.Add(1)
			w.Header().Set("Retry-After", "20")
			w.WriteHeader(http.StatusTooManyRequests)
		}))
		defer srv.Close()
		out := plan(t, srv.URL)
		if re := errorLike("reading page 1 of accounts"); !re.MatchString(out) {
			t.Errorf("output does not name page 1's error:\n%s", tail(out))
		}
		if n := next.Load(); n > 1 {
			t.Errorf("the next page was asked for %d times; want at most once, cancelled when page 1 failed", n)
		}
	})

	t.Run("one item per page", func(t *testing.T) {
		var requests atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := requests.Add(1)
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprintf(w, `{"accounts":[{"id":"don:identity:dvrv-us-1:devo/0:account/%d","display_id":"ACC-%d"}],"next_cursor":"c%d"}`, n, n, n)
		}))
		defer srv.Close()
		out := plan(t, srv.URL)
		if re := errorLike("short pages", fmt.Sprintf("DevRev returned %d pages of accounts", devrev.MaxShortPages+1)); !re.MatchString(out) {
			t.Errorf("output does not say short pages:\n%s", tail(out))
		}
		if n := requests.Load(); n != devrev.MaxShortPages+1 {
			t.Errorf("%d requests; want %d", n, devrev.MaxShortPages+1)
		}
	})
}

// A count that lists (a date filter on devrev_works_count) past the
// bound advises what a count can do: it has no limit or cursor. (Past the
// byte bound, with works of 600 KB: the item bound takes a minute's worth
// of pages to reach, and its message is the same.)
func TestAccCountPastTheBound(t *testing.T) {
	cli := requireCLI(t)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	works := localapi.Items[localapi.Work](localapi.New(localapi.Options{Counts: map[string]int{"works": 480}}), "works")
	title := strings.Repeat("x", 600<<10)
	for i := range works {
		works[i].Title = title
	}
	api := startAPI(t, localapi.Options{DisableRecording: true, Data: map[string]any{"works": works}})
	work := t.TempDir()
	write(t, filepath.Join(work, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
`+api.providerBlock()+`
data "devrev_works_count" "all" {
  created_date = { after = "2000-01-01T00:00:00Z" }
}
`)
	cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
	raw, err := cmd.CombinedOutput()
	out := string(raw)
	if err == nil {
		t.Fatalf("plan succeeded:\n%s", tail(out))
	}
	if re := errorLike("read too large", "count in several narrower ranges"); !re.MatchString(out) {
		t.Errorf("output does not give a count's advice:\n%s", tail(out))
	}
	if strings.Contains(out, "cursor") {
		t.Errorf("a count's error mentions a cursor, which counts lack:\n%s", tail(out))
	}
}

// rssWrapper builds, in a folder of its own, a terraform-provider-devrev
// that runs provider as its child and appends the child's peak RSS in
// bytes to the file it returns, once the child exits.
func rssWrapper(t *testing.T, provider string) (dir, peaks string) {
	t.Helper()
	src := t.TempDir()
	write(t, filepath.Join(src, "go.mod"), "module rsswrapper\n\ngo 1.21\n")
	write(t, filepath.Join(src, "main.go"), rssWrapperSource)
	dir = t.TempDir()
	peaks = filepath.Join(t.TempDir(), "peaks")
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-devrev"),
		"-ldflags", "-X main.provider="+provider+" -X main.peaks="+peaks+" -X main.darwin="+strconv.FormatBool(runtime.GOOS == "darwin"), ".")
	build.Dir = src
	build.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the wrapper: %v\n%s", err, out)
	}
	return dir, peaks
}

// The wrapper ignores the interrupts the CLI's process group receives:
// the provider gets them too and ends, and then so does the wrapper.
const rssWrapperSource = `package main

import (
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
)

var provider, peaks, darwin string

func main() {
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	cmd := exec.Command(provider, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	_ = cmd.Run()
	if cmd.ProcessState == nil {
		os.Exit(1)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak := int64(ru.Maxrss) * 1024 // kilobytes on Linux and the BSDs
		if darwin == "true" {
			peak = int64(ru.Maxrss)
		}
		if f, err := os.OpenFile(peaks, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			_, _ = f.WriteString(strconv.FormatInt(peak, 10) + "\n")
			_ = f.Close()
		}
	}
	os.Exit(cmd.ProcessState.ExitCode())
}
`

// maxPeak is the largest peak the wrapper wrote, if it wrote any.
func maxPeak(peaks string) (int64, bool) {
	data, err := os.ReadFile(peaks)
	if err != nil {
		return 0, false
	}
	var most int64
	for _, line := range strings.Fields(string(data)) {
		if n, err := strconv.ParseInt(line, 10, 64); err == nil {
			most = max(most, n)
		}
	}
	return most, most > 0
}
