package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Each paging failure reaches the user with its own advice, in-process
// (without a CLI): not the advice meant for an unreachable endpoint.
func TestPagingErrorsCarryTheirOwnHint(t *testing.T) {
	for _, tt := range []struct {
		kind    localapi.FaultKind
		summary string
		advice  string
	}{
		{localapi.EmptyPages, "empty pages", "narrow the filters"},
		{localapi.RepeatingCursor, "paging loop", "repeating itself"},
	} {
		t.Run(tt.kind.String(), func(t *testing.T) {
			api := startAPI(t, localapi.Options{Count: 300, Faults: []localapi.Fault{{Kind: tt.kind, Path: "/engagements.list"}}})
			p := newInProcess(t, api.URL)
			state, diags := p.read(t, "devrev_engagements", nil)
			if state != nil || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
				t.Fatalf("want one error, got state %v and %v", state != nil, diags)
			}
			d := diags[0]
			if !strings.HasSuffix(d.Summary, ": "+tt.summary) || !strings.Contains(d.Detail, tt.advice) {
				t.Errorf("summary %q, detail %q: want %q and %q", d.Summary, d.Detail, tt.summary, tt.advice)
			}
			if strings.Contains(d.Detail, "endpoint") {
				t.Errorf("the detail sends the user to check the endpoint: %q", d.Detail)
			}
		})
	}
}
