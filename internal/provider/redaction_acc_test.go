package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A server that echoes the token into every field the provider can quote,
// read through the built provider under the real CLI with TF_LOG=trace:
// each error and the warning says what went wrong, and the token appears
// in no line the CLI prints and no line of the TF_LOG_PATH file.
func TestAccEchoedTokenNeverPrinted(t *testing.T) {
	cli := requireCLI(t)
	const secret = "echoed-secret-token-94c2a7e1"
	srv := tokenEchoServer(t)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))

	provider := fmt.Sprintf(`terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
provider "devrev" {
  endpoint    = %q
  max_retries = 1
}
`, srv.URL)
	// plan plans config, checks that neither what the CLI printed nor its
	// trace log quotes the token, and returns what the CLI printed.
	plan := func(t *testing.T, config string) (string, error) {
		t.Helper()
		dir := t.TempDir()
		write(t, filepath.Join(dir, "main.tf"), provider+config)
		logFile := filepath.Join(t.TempDir(), "trace.log")
		cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_LOG=trace", "TF_LOG_PATH="+logFile, "TF_CLI_CONFIG_FILE="+cliConfig,
			"CHECKPOINT_DISABLE=1", "DEVREV_TOKEN="+secret, "DEVREV_ENDPOINT=", "TF_VAR_sent="+secret)
		raw, err := cmd.CombinedOutput()
		log, readErr := os.ReadFile(logFile)
		if readErr != nil {
			t.Fatal(readErr)
		}
		if os.Getenv("HOSTILE_SHOW") != "" {
			t.Log(string(raw))
		}
		if !strings.Contains(string(log), "Received DevRev API response") {
			t.Error("the trace log holds none of the provider's log lines")
		}
		for what, text := range map[string]string{"output": string(raw), "trace log": string(log)} {
			for _, line := range strings.Split(text, "\n") {
				for _, s := range []string{secret, secret[:12], secret[8:]} {
					if strings.Contains(line, s) {
						t.Errorf("the %s quotes the token (%q): %s", what, s, line)
						break
					}
				}
			}
		}
		return string(raw), err
	}

	var config strings.Builder
	for i, c := range echoCases {
		fmt.Fprintf(&config, "data %q \"case%d\" {\n  %s\n}\n", c.typeName, i, c.hcl)
	}
	out, err := plan(t, config.String())
	if err == nil {
		t.Fatalf("plan succeeded:\n%s", tail(out))
	}

	// Each case's diagnostic, as the user reads it: one block of the output
	// from its "Error:" or "Warning:" on.
	blocks := regexp.MustCompile(`(?m)^(?:│ )?(?:Error|Warning): `).Split(out, -1)
	for _, c := range echoCases {
		re := errorLike(c.want...)
		found := false
		for _, b := range blocks[1:] {
			found = found || re.MatchString(b)
		}
		if !found {
			t.Errorf("%s: no diagnostic says %q", c.name, c.want)
		}
	}

	// What the provider prints is redacted; what it reads is not: the
	// duplicated tag's id reaches state as the server sent it, the token.
	out, err = plan(t, `
variable "sent" {
  type      = string
  sensitive = true
}
data "devrev_tags" "echoed" {}
output "id_as_sent" { value = nonsensitive(data.devrev_tags.echoed.ids == tolist([var.sent])) }
`)
	if err != nil || !strings.Contains(out, "id_as_sent = true") ||
		!errorLike("Warning: DevRev's answer to devrev_tags", "more than once").MatchString(out) {
		t.Errorf("want a warning and the id in state as sent (%v):\n%s", err, tail(out))
	}
}
