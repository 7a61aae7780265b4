package provider

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Hostile servers and bad input, through the built provider under the real
// CLI with TF_LOG=trace: the token reaches only the endpoint and appears
// nowhere in what the CLI prints, and endpoint credentials are never shown.
func TestAccHostile(t *testing.T) {
	cli := requireCLI(t)
	const secret = "hostile-secret-token-3e8d1c0b"
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))

	plan := func(t *testing.T, endpoint, providerArgs string, env ...string) string {
		t.Helper()
		dir := cliWorkdir(t, endpoint, "max_retries = 1\n"+providerArgs, `data "devrev_engagements" "all" {}`)
		cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), append([]string{"TF_LOG=trace", "TF_CLI_CONFIG_FILE=" + cliConfig,
			"CHECKPOINT_DISABLE=1", "DEVREV_TOKEN=", "DEVREV_ENDPOINT="}, env...)...)
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Fatalf("plan succeeded:\n%s", tail(string(out)))
		}
		if os.Getenv("HOSTILE_SHOW") != "" {
			t.Log(tail(string(out)))
		}
		return string(out)
	}
	expect := func(t *testing.T, out string, phrases ...string) {
		t.Helper()
		if re := errorLike(phrases...); !re.MatchString(out) {
			t.Errorf("output does not say %q:\n%s", phrases, tail(out))
		}
	}
	never := func(t *testing.T, out string, secrets ...string) {
		t.Helper()
		for _, s := range secrets {
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, s) {
					t.Errorf("%q leaked: %s", s, line)
				}
			}
		}
	}

	t.Run("redirect to another port", func(t *testing.T) {
		var stolen atomic.Int32
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			stolen.Add(1)
		}))
		defer other.Close()
		endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/collect?from=devrev", http.StatusTemporaryRedirect)
		}))
		defer endpoint.Close()
		out := plan(t, endpoint.URL, `token = "`+secret+`"`)
		expect(t, out, "HTTP 307", other.URL, "did not send the token")
		never(t, out, secret, "/collect", "from=devrev")
		if n := stolen.Load(); n != 0 {
			t.Errorf("the other origin received %d request(s)", n)
		}
	})

	t.Run("gateway echoes the token", func(t *testing.T) {
		endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, "401 from gateway: received Authorization: "+r.Header.Get("Authorization"))
		}))
		defer endpoint.Close()
		out := plan(t, endpoint.URL, "", "DEVREV_TOKEN="+secret)
		expect(t, out, "HTTP 401", "received Authorization: Bearer ***")
		never(t, out, secret, secret[:12])
	})

	t.Run("endpoint credentials", func(t *testing.T) {
		for _, endpoint := range []string{
			"ftp://devrev:hunter2-pw@api.devrev.ai",
			"https://devrev:hunter2-pw@api.devrev.ai:port",
			"https://devrev:hunter2-pw@[::1",
		} {
			// From the environment: in the provider block the CLI itself
			// would quote the configuration line.
			dir := t.TempDir()
			write(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
data "devrev_engagements" "all" {}
`)
			cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TF_LOG=trace", "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1",
				"DEVREV_TOKEN="+secret, "DEVREV_ENDPOINT="+endpoint)
			raw, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("%s: plan succeeded", endpoint)
			}
			expect(t, string(raw), "Invalid DevRev endpoint", "DEVREV_ENDPOINT")
			never(t, string(raw), "hunter2", secret)
		}
	})

	t.Run("token with a line break", func(t *testing.T) {
		api := startAPI(t, localapi.Options{Counts: map[string]int{"engagements": 3}})
		out := plan(t, api.URL, "", "DEVREV_TOKEN=abc\ndef-rest-of-token")
		expect(t, out, "Invalid DevRev API token", "line break", "DEVREV_TOKEN")
		if strings.Contains(out, "Check the provider's endpoint") {
			t.Errorf("the error blames the endpoint:\n%s", tail(out))
		}
		never(t, out, "def-rest-of-token")
		if n := len(api.Requests()); n != 0 {
			t.Errorf("%d requests sent with a broken token", n)
		}
	})

	t.Run("plain http to another host", func(t *testing.T) {
		out := plan(t, "http://devrev.example.invalid", `token = "`+secret+`"`)
		expect(t, out, "Warning: DevRev endpoint without TLS", "unencrypted")
		never(t, out, secret)
	})
}
