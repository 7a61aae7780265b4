package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

// startRun runs the command in the background and waits for its addr file.
// A run that neither writes it nor exits, or does not stop when cancelled,
// hangs the test until go test -timeout: however long a busy machine takes
// to start a server is no failure.
func startRun(t *testing.T, args []string, env map[string]string) (base string, stderr *testsupport.Buffer, stop func() error) {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &testsupport.Buffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, append(args, "-addr-file", addrFile), func(k string) string { return env[k] }, stderr)
	}()
	for {
		data, err := os.ReadFile(addrFile)
		if err == nil {
			base = strings.TrimSpace(string(data))
			break
		}
		select {
		case err := <-errc:
			cancel()
			t.Fatalf("run exited early: %v (stderr %q)", err, stderr.String())
		default:
		}
		time.Sleep(10 * time.Millisecond)
	}
	var once sync.Once
	var runErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			runErr = <-errc
			if _, err := os.Stat(addrFile); !os.IsNotExist(err) {
				t.Errorf("addr file left behind: %v", err)
			}
		})
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return base, stderr, stop
}

func count(t *testing.T, base, auth string) (int, string) {
	t.Helper()
	return call(t, base, "/engagements.count", auth, "{}")
}

// post sends body to path with the demo token.
func post(t *testing.T, base, path, body string) (int, string) {
	t.Helper()
	return call(t, base, path, "Bearer local-demo-token", body)
}

func call(t *testing.T, base, path, auth, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(data)
}

func TestServeAndShutdown(t *testing.T) {
	base, stderr, stop := startRun(t, []string{"-count", "42", "-accounts", "3", "-seed", "7"}, nil)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("base URL %q", base)
	}
	if out := stderr.String(); !strings.Contains(out, base) || !strings.Contains(out, "42 engagements") || strings.Count(out, "\n") > 10 {
		t.Fatalf("stderr %q", out)
	}
	if code, body := count(t, base, "Bearer local-demo-token"); code != 200 || body != `{"count":42}` {
		t.Fatalf("count: %d %s", code, body)
	}
	// The demo looks its account up by name.
	if code, body := post(t, base, "/accounts.list", `{"display_name":["Acme Corp"]}`); code != 200 || !strings.Contains(body, `"display_id":"ACC-1"`) ||
		strings.Count(body, `"display_id":"ACC-`) != 1 {
		t.Fatalf("accounts.list by name: %d %s", code, body)
	}
	if code, body := post(t, base, "/accounts.get", `{"id":"ACC-4"}`); code != 404 {
		t.Fatalf("-accounts 3 serves ACC-4: %d %s", code, body)
	}
	if code, _ := count(t, base, "Bearer nope"); code != 401 {
		t.Fatalf("wrong token: %d", code)
	}
	if err := stop(); err != nil {
		t.Fatalf("run returned %v", err)
	}
	if _, err := http.Get(base + "/engagements.count"); err == nil {
		t.Fatal("server still answering after shutdown")
	}
}

func TestTokenFromEnvAndFlag(t *testing.T) {
	base, _, _ := startRun(t, []string{"-count", "0"}, map[string]string{"DEVREV_TOKEN": "from-env"})
	if code, body := count(t, base, "from-env"); code != 200 || body != `{"count":0}` {
		t.Fatalf("env token: %d %s", code, body)
	}
	base, _, _ = startRun(t, []string{"-token", "from-flag"}, map[string]string{"DEVREV_TOKEN": "from-env"})
	if code, _ := count(t, base, "Bearer from-flag"); code != 200 {
		t.Fatalf("flag token: %d", code)
	}
	if code, _ := count(t, base, "Bearer from-env"); code != 401 {
		t.Fatalf("env token should lose to the flag: %d", code)
	}
}

func TestGzipFlag(t *testing.T) {
	base, _, _ := startRun(t, []string{"-gzip", "-count", "5"}, nil)
	req, _ := http.NewRequest(http.MethodGet, base+"/engagements.list", nil)
	req.Header.Set("Authorization", "local-demo-token")
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
}

func TestRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{"-addr", "0.0.0.0:0"},
		{"-addr", ":8080"},
		{"-addr", "192.168.1.10:0"},
		{"-addr", "example.com:80"},
		{"-addr", "127.0.0.1"},
		{"-count", "-1"},
		{"-accounts", "-2"},
		{"-dev-users", "-1"},
		{"-token", ""},
		{"-seed-date", "06/01/2023"},
		{"-seed-date", "2023-06-01T00:00:00Z"},
		{"extra"},
		{"-nosuchflag"},
	} {
		var stderr bytes.Buffer
		if err := run(context.Background(), args, func(string) string { return "" }, &stderr); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	for _, ok := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0", "127.0.0.2:1234"} {
		if err := checkLoopback(ok); err != nil {
			t.Errorf("%s refused: %v", ok, err)
		}
	}
}

func TestRateLimitFlag(t *testing.T) {
	base, _, _ := startRun(t, []string{"-count", "1", "-rate-limit", "2/60s"}, nil)
	var codes []int
	for range 3 {
		code, _ := count(t, base, "Bearer local-demo-token")
		codes = append(codes, code)
	}
	// Three requests within one 60 s window (unless one straddles its end).
	if codes[2] != 429 && codes[1] != 429 {
		t.Fatalf("statuses %v, want a 429 after two requests", codes)
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"-rate-limit", "fast"}, func(string) string { return "" }, &stderr); err == nil {
		t.Error("-rate-limit fast accepted")
	}
}

// The start banner says, in a few lines, where the server is, its token,
// and names a first lookup can use, each with its display id.
func TestBanner(t *testing.T) {
	base, stderr, _ := startRun(t, []string{"-seed-date", "2023-06-01"}, nil)
	out := stderr.String()
	for _, want := range []string{
		"endpoint  " + base + "\n",
		"token     local-demo-token\n",
		"dated as of 2023-06-01",
		`"Acme Corp" (ACC-1)`,
		`"priya" (DEVU-1)`,
		`"Support L1" (GRP-1)`,
		`"Billing" (PROD-1)`,
		`"strategic" (TAG-1)`,
		"-help",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n > 10 {
		t.Errorf("banner of %d lines:\n%s", n, out)
	}
	// A token of one's own may be real: the banner does not repeat it.
	_, stderr, _ = startRun(t, nil, map[string]string{"DEVREV_TOKEN": "secret-from-env"})
	_, stderr2, _ := startRun(t, []string{"-token", "secret-from-flag"}, nil)
	for _, out := range []string{stderr.String(), stderr2.String()} {
		if strings.Contains(out, "secret-from") || !strings.Contains(out, "token     the one given") {
			t.Errorf("banner with a token of one's own:\n%s", out)
		}
	}
}

// The data is dated as of -seed-date, and as of today without it: the
// newest engagement was created the day before, and "the last 90 days"
// of works and meetings is not empty.
func TestSeedDate(t *testing.T) {
	newest := func(base string) string {
		t.Helper()
		code, body := post(t, base, "/engagements.list", `{"sort_by":["created_date:desc"],"limit":1}`)
		var page struct {
			Engagements []struct {
				CreatedDate string `json:"created_date"`
			} `json:"engagements"`
		}
		if err := json.Unmarshal([]byte(body), &page); code != 200 || err != nil || len(page.Engagements) != 1 {
			t.Fatalf("engagements.list: %d %s", code, body)
		}
		return page.Engagements[0].CreatedDate[:len(time.DateOnly)]
	}
	base, _, _ := startRun(t, []string{"-seed-date", "2023-06-01"}, nil)
	if got := newest(base); got != "2023-05-31" {
		t.Errorf("-seed-date 2023-06-01: newest engagement created %s, want 2023-05-31", got)
	}
	before := time.Now().UTC()
	base, _, _ = startRun(t, nil, nil)
	after := time.Now().UTC()
	got := newest(base)
	if got != before.AddDate(0, 0, -1).Format(time.DateOnly) && got != after.AddDate(0, 0, -1).Format(time.DateOnly) {
		t.Errorf("without -seed-date: newest engagement created %s, want the day before today (%s)", got, after.Format(time.DateOnly))
	}
	since := after.AddDate(0, 0, -90).Format(time.RFC3339)
	for _, path := range []string{"/works.count", "/meetings.count"} {
		code, body := post(t, base, path, `{"created_date":{"type":"range","after":"`+since+`"}}`)
		if code != 200 || body == `{"count":0}` || !strings.HasPrefix(body, `{"count":`) {
			t.Errorf("%s created in the last 90 days: %d %s", path, code, body)
		}
	}
}

// -help lists every list's filters and sort fields, as the server
// declares them.
func TestHelpListsFilters(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-help"}, func(string) string { return "" }, &out); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run -help: %v", err)
	}
	help := out.String()
	lists := localapi.New(localapi.Options{}).Lists()
	if len(lists) < 10 {
		t.Fatalf("%d lists", len(lists))
	}
	for _, l := range lists {
		i := strings.Index(help, "  "+l.Path+"\n")
		if i < 0 {
			t.Errorf("-help lacks %s:\n%s", l.Path, help)
			continue
		}
		block, _, _ := strings.Cut(help[i+len(l.Path)+3:], "\n  /")
		if !strings.Contains(block, "filters: "+strings.Join(l.Filters, ", ")+"\n") || !strings.Contains(block, "sort_by: "+strings.Join(l.SortBy, ", ")) {
			t.Errorf("-help on %s:\n%s\nwant filters %v, sort_by %v", l.Path, block, l.Filters, l.SortBy)
		}
	}
	for _, flagName := range []string{"-seed-date", "-token", "-count"} {
		if !strings.Contains(help, "  "+flagName) {
			t.Errorf("-help lacks %s", flagName)
		}
	}
}
