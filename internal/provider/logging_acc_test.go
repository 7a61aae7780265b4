package provider

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// With TF_LOG=trace the token appears nowhere in what the CLI prints, even
// through retries and errors. This runs the provider as users run it: a
// built binary, found through dev_overrides, driven by the real CLI.
func TestAccTokenNeverLogged(t *testing.T) {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (see tools/testacc.sh)")
	}
	const secret = "s3cr3t-token-7a4e9b21"
	api := startAPI(t, localapi.Options{Token: secret, Count: 120, Faults: []localapi.Fault{
		{Kind: localapi.RateLimited, Path: "/engagements.list", After: 1, Times: 1, RetryAfter: "1"},
		{Kind: localapi.InternalError, Path: "/engagements.list", After: 2, Times: 1},
	}})

	bin := filepath.Dir(buildProvider(t))
	work := t.TempDir()
	cliConfig := filepath.Join(work, "dev.tfrc")
	write(t, cliConfig, `provider_installation {
  dev_overrides {
    "registry.terraform.io/seed-19167fad/devrev" = "`+bin+`"
    "registry.opentofu.org/seed-19167fad/devrev" = "`+bin+`"
  }
  direct {}
}
`)
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
			dir := t.TempDir()
			write(t, filepath.Join(dir, "main.tf"), `terraform {
  required_providers {
    devrev = { source = "seed-19167fad/devrev" }
  }
}
provider "devrev" {
  endpoint    = "`+api.URL+`"
  max_retries = 2
  `+tc.provider+`
}
data "devrev_engagements" "all" { page_size = 50 }
output "read" { value = length(data.devrev_engagements.all.ids) }
`)
			api.ResetRequests()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, cli, "plan", "-no-color", "-input=false")
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
