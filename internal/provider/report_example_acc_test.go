package provider

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// examples/report is what `make demo` applies and prints: these tests apply
// it, and run the demo itself, through the real CLI.

// The screen `make demo` must fit, everything included.
const (
	demoMaxLines   = 40
	demoMaxColumns = 100
)

// examples/report applies against the local API dated as of today, and
// every output it declares holds something: the account found by name, its
// recent engagements with people's names, per-type numbers for the last 90
// days that the list and the count agree on, and a summary that fits the
// demo's screen.
func TestAccReportExample(t *testing.T) {
	cli := requireCLI(t)
	api := startAPI(t, localapi.Options{Seed: 42, SeedDate: time.Now().UTC(), Counts: map[string]int{"engagements": 400}})
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))

	dir := t.TempDir()
	copyExample(t, filepath.Join("..", "..", "examples", "report"), dir)
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(cli, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1",
			"DEVREV_ENDPOINT="+api.URL, "DEVREV_TOKEN="+testToken)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s%s", filepath.Base(cli), strings.Join(args, " "), err, tail(string(out)), tail(stderr.String()))
		}
		return out
	}
	run("apply", "-auto-approve", "-input=false", "-no-color")

	var outputs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(run("output", "-json"), &outputs); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"account", "recent", "per_type", "open_tickets_by_severity", "group_members", "summary"} {
		if _, ok := outputs[name]; !ok {
			t.Errorf("no output %q", name)
		}
	}
	for name, o := range outputs {
		if isEmpty(o.Value) {
			t.Errorf("output %q is empty: %#v", name, o.Value)
		}
	}

	// Names, not ids: members come from users[id].display_name.
	recent, _ := outputs["recent"].Value.([]any)
	userID := regexp.MustCompile(`^(don:|DEVU-\d+$)`)
	named := 0
	for _, e := range recent {
		item, _ := e.(map[string]any)
		members, _ := item["members"].([]any)
		for _, m := range members {
			if s, _ := m.(string); s == "" || userID.MatchString(s) {
				t.Errorf("recent member %q is not a name", m)
			}
			named++
		}
	}
	if named == 0 {
		t.Errorf("no member named in the recent engagements: %v", recent)
	}

	perType, _ := outputs["per_type"].Value.(map[string]any)
	total := 0.0
	for typ, v := range perType {
		n, _ := v.(map[string]any)
		if n["listed"] != n["counted"] {
			t.Errorf("per_type[%q]: listed %v, counted %v", typ, n["listed"], n["counted"])
		}
		listed, _ := n["listed"].(float64)
		total += listed
	}
	if total == 0 {
		t.Errorf("no engagement in the last 90 days of data dated as of today: %v", perType)
	}

	summary, _ := outputs["summary"].Value.(string)
	if !strings.Contains(summary, "Acme Corp") {
		t.Errorf("the summary does not name Acme Corp:\n%s", summary)
	}
	checkScreen(t, summary, demoMaxLines-10) // the demo adds its header and closing lines
}

// `make demo` prints one screen: at most demoMaxLines lines of at most
// demoMaxColumns columns, build and header lines included, and stops the
// local API it started.
func TestAccDemo(t *testing.T) {
	cli := requireCLI(t)
	// tools/demo.sh runs tofu, else terraform, from PATH: both names lead to
	// the CLI under test.
	bin := t.TempDir()
	for _, name := range []string{"tofu", "terraform"} {
		if err := os.Symlink(cli, filepath.Join(bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(filepath.Join("..", "..", "tools", "demo.sh"))
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tools/demo.sh: %v\n%s%s", err, tail(string(out)), tail(stderr.String()))
	}
	// What a person sees is both streams; go build's lines, if any, go to stderr.
	screen := string(out) + stderr.String()
	checkScreen(t, screen, demoMaxLines)
	for _, want := range []string{"Acme Corp", "most recent engagements", "last 90 days", "Stopped the local DevRev API"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the demo does not print %q:\n%s", want, screen)
		}
	}

	endpoint := regexp.MustCompile(`Endpoint:\s+(http://\S+)`).FindStringSubmatch(screen)
	if endpoint == nil {
		t.Fatalf("the demo prints no endpoint:\n%s", screen)
	}
	if resp, err := http.Post(endpoint[1]+"/engagements.list", "application/json", strings.NewReader("{}")); err == nil {
		resp.Body.Close()
		t.Errorf("the local API at %s still answers after the demo (HTTP %d)", endpoint[1], resp.StatusCode)
	}
}

// checkScreen fails t unless text has at most lines lines of at most
// demoMaxColumns columns.
func checkScreen(t *testing.T, text string, lines int) {
	t.Helper()
	all := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(all) > lines {
		t.Errorf("%d lines, more than %d:\n%s", len(all), lines, text)
	}
	for _, l := range all {
		if n := utf8.RuneCountInString(l); n > demoMaxColumns {
			t.Errorf("a line of %d columns, more than %d: %s", n, demoMaxColumns, l)
		}
	}
}
