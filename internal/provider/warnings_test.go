package provider

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// What the client corrected in DevRev's answer (Window.Warnings) reaches
// Terraform as a warning diagnostic, and the read still succeeds: here a
// server that sends more engagements than asked for.
func TestListWarningsBecomeWarningDiagnostics(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.OverDeliver, Path: "/engagements.list"},
		},
		Counts: map[string]int{"engagements": 300},
	})
	srv := newProtocolServer(&DevRevProvider{version: "test"})
	configureForBench(t, srv, api.URL)
	_, typ := engagementsList.schemaAndType()
	attrs := nullAttrs(typ)
	attrs["limit"] = tftypes.NewValue(tftypes.Number, 10)
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: "devrev_engagements", Config: &dv})
	if err != nil || resp.State == nil {
		t.Fatalf("read: %v %v", err, resp.Diagnostics)
	}
	var warnings []string
	for _, d := range resp.Diagnostics {
		if d.Severity != tfprotov6.DiagnosticSeverityWarning {
			t.Errorf("unexpected %v diagnostic: %s: %s", d.Severity, d.Summary, d.Detail)
			continue
		}
		warnings = append(warnings, d.Summary+": "+d.Detail)
	}
	if len(warnings) == 0 || !strings.Contains(warnings[0], "devrev_engagements") {
		t.Fatalf("want a warning about the over-delivered page, got %q", warnings)
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]tftypes.Value
	_ = state.As(&got)
	var ids []tftypes.Value
	_ = got["ids"].As(&ids)
	if len(ids) != 10 {
		t.Errorf("limit 10 returned %d engagements", len(ids))
	}
}

// The same warning as a user sees it: the real CLI prints it, and the plan
// still succeeds with the engagements asked for.
func TestAccListWarningsReachTheCLI(t *testing.T) {
	cli := requireCLI(t)
	api := startAPI(t, localapi.Options{
		Faults: []localapi.Fault{
			{Kind: localapi.OverDeliver, Path: "/engagements.list"},
		},
		Counts: map[string]int{"engagements": 300},
	})
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	dir := cliWorkdir(t, api.URL, `token = "`+testToken+`"`, `data "devrev_engagements" "all" { limit = 10 }`)
	cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil || !strings.Contains(text, "read = 10") {
		t.Fatalf("plan: %v\n%s", err, tail(text))
	}
	if !errorLike("Warning: DevRev's answer to devrev_engagements needed a correction").MatchString(text) {
		t.Fatalf("no warning in the CLI's output:\n%s", tail(text))
	}
}
