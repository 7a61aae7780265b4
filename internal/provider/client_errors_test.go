package provider

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
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
			api := startAPI(t, localapi.Options{Faults: []localapi.Fault{{Kind: tt.kind, Path: "/engagements.list"}}, Counts: map[string]int{"engagements": 300}})
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

// endpointAdvice is a sentence that sends the user to the endpoint setting.
var endpointAdvice = regexp.MustCompile(`(?i)(check|set) (the provider's |that )?endpoint`)

// The transport's own failures, from real servers on loopback, reach the
// user with their own advice and at most one word about the endpoint: a
// body past the cap and a redirect say to check the endpoint (once, not
// again in a hint the provider adds); a body that stalls or is cut off
// after the server answered does not send the user to the endpoint at all.
func TestTransportErrorsCarryOneHint(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(make([]byte, devrev.MaxBodyBytes+1)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		serve     http.HandlerFunc
		summary   string
		advice    string
		endpoints int           // how often the detail may send the user to the endpoint
		timeout   time.Duration // request_timeout: long but for the stall, which must hit it
	}{
		{"body too large", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(gz.Bytes())
		}, "answer too large", "larger than 64 MiB", 1, time.Hour},
		{"body stalls", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"count":`)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, "timed out", "raise the provider's request_timeout", 0, 300 * time.Millisecond},
		{"body cut off", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "100")
			_, _ = io.WriteString(w, `{"count":`)
		}, "answer cut off", "cut off after 9 of the 100 bytes it announced", 0, time.Hour},
		{"redirect to another origin", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/engagements.count", http.StatusTemporaryRedirect)
		}, "redirect refused", "did not send the token there: set endpoint to the URL that serves DevRev's API", 1, time.Hour},
		{"redirect that drops the body", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/v2"+r.URL.Path, http.StatusFound)
		}, "redirect refused", "only 307 and 308 are followed); set endpoint to the URL that serves DevRev's API", 1, time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(tt.serve)
			defer ts.Close()
			none := 0
			c, err := devrev.New(devrev.Options{Endpoint: ts.URL, Token: testToken, MaxRetries: &none, RequestTimeout: tt.timeout})
			if err != nil {
				t.Fatal(err)
			}
			_, err = devrev.Counter[devrev.ListEngagementsRequest](devrev.EngagementsAPI)(context.Background(), c, devrev.ListEngagementsRequest{})
			if err == nil {
				t.Fatal("the count succeeded")
			}
			d := clientError("Failed to read DevRev engagements", err)
			if !strings.HasSuffix(d.Summary(), ": "+tt.summary) || !strings.Contains(d.Detail(), tt.advice) {
				t.Errorf("summary %q, detail %q: want %q and %q", d.Summary(), d.Detail(), tt.summary, tt.advice)
			}
			if n := len(endpointAdvice.FindAllString(d.Detail(), -1)); n > tt.endpoints {
				t.Errorf("the detail says %d times to check the endpoint, want at most %d: %q", n, tt.endpoints, d.Detail())
			}
		})
	}
}

// A date DevRev sent that the provider must check against a range but
// cannot read fails the read, in-process, with advice about the date and
// the filter, not about the endpoint (which answered).
func TestUnreadableDateCarriesNoEndpointHint(t *testing.T) {
	api := startAPI(t, localapi.Options{
		Data: map[string]any{"works": []localapi.Work{
			{ID: "don:core:dvrv-us-1:devo/0:ticket/1", DisplayID: "TKT-1", Type: "ticket", CreatedDate: "2024-01-02T00:00:00Z"},
			{ID: "don:core:dvrv-us-1:devo/0:ticket/2", DisplayID: "TKT-2", Type: "ticket", CreatedDate: "yesterday"},
		}},
		IgnoreDateFilters: []string{"works"},
	})
	p := newInProcess(t, api.URL)
	rng := p.configType(t, "devrev_works").AttributeTypes["created_date"].(tftypes.Object) //nolint:forcetypeassert // a range is an object
	state, diags := p.read(t, "devrev_works", map[string]tftypes.Value{"created_date": tftypes.NewValue(rng, map[string]tftypes.Value{
		"after": tftypes.NewValue(tftypes.String, "2024-01-01T00:00:00Z"), "before": tftypes.NewValue(tftypes.String, nil),
	})})
	if state != nil || len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("want one error, got state %v and %v", state != nil, diags)
	}
	d := diags[0]
	if !strings.HasSuffix(d.Summary, ": unreadable date") || !strings.Contains(d.Detail, `its created_date "yesterday" is not an RFC 3339 timestamp`) ||
		!strings.Contains(d.Detail, "Without that date filter") {
		t.Errorf("summary %q, detail %q", d.Summary, d.Detail)
	}
	if strings.Contains(strings.ToLower(d.Detail), "endpoint") {
		t.Errorf("the detail sends the user to check the endpoint: %q", d.Detail)
	}
}
