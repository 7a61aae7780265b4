package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer lets the test read stderr while run writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startRun runs the command in the background and waits for its addr file.
// A run that neither writes it nor exits, or does not stop when cancelled,
// hangs the test until go test -timeout: however long a busy machine takes
// to start a server is no failure.
func startRun(t *testing.T, args []string, env map[string]string) (base string, stderr *syncBuffer, stop func() error) {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
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
	if line := stderr.String(); !strings.Contains(line, base) || !strings.Contains(line, "42") || strings.Count(line, "\n") != 1 {
		t.Fatalf("stderr %q", line)
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
