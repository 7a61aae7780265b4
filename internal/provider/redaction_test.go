package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/testsupport"
)

// A server that echoes the token it receives must not get it printed: every
// text of a server the provider quotes (cursors, ids, display ids, dates,
// names, error bodies, headers) is redacted in the diagnostics and the log
// lines, and the state still holds what the server sent.

// echoCase is one read of a data source from tokenEchoServer, and the
// diagnostic it ends with: an error, or a warning for a read that succeeds.
type echoCase struct {
	name     string
	typeName string
	// hcl is the data source's arguments for the CLI; args the same for a
	// read in process (nil for none).
	hcl     string
	args    func(typ tftypes.Object) map[string]tftypes.Value
	want    []string // phrases of the diagnostic's summary and detail, in order
	warning bool
}

const echoAfter = "2020-01-01T00:00:00Z"

// echoCases reach every error and warning of a read that quotes what the
// server sent.
var echoCases = []echoCase{
	{name: "a cursor that loops", typeName: "devrev_accounts",
		want: []string{"Could not list DevRev accounts", "returned cursor", "on page 2, which this read already followed"}},
	{name: "a get answer with another id", typeName: "devrev_work", hcl: `id = "ISS-1"`, args: idArg("ISS-1"),
		want: []string{`Could not read DevRev work "ISS-1"`, "with another work (id", "display id"}},
	{name: "a work's date", typeName: "devrev_works", hcl: `created_date = { after = "` + echoAfter + `" }`, args: afterArg("created_date"),
		want: []string{"Could not list DevRev works", "with work", "its created_date", "is not an RFC 3339 timestamp"}},
	{name: "a meeting's date", typeName: "devrev_meetings", hcl: `created_date = { after = "` + echoAfter + `" }`, args: afterArg("created_date"),
		want: []string{"Could not list DevRev meetings", "with meeting", "its created_date", "is not an RFC 3339 timestamp"}},
	{name: "a duplicated id", typeName: "devrev_tags", warning: true,
		want: []string{"needed a correction", "DevRev returned 1 of these tags more than once in one read", "(pages 1 and 2)"}},
	{name: "an item next to an id-less user", typeName: "devrev_works",
		want: []string{"Could not list DevRev works: unusable answer", "works[0] (", "names an object without an id"}},
	{name: "an error body and its headers", typeName: "devrev_rev_orgs",
		want: []string{"Could not list DevRev rev orgs: HTTP 401", "received Authorization: Bearer ***", "x-request-id"}},
	{name: "an answer that is not JSON", typeName: "devrev_parts",
		want: []string{"Could not list DevRev parts: unusable answer", "body:", "x-request-id"}},
	{name: "a rate limit with echoed headers", typeName: "devrev_groups",
		want: []string{"Could not list DevRev groups: HTTP 429", "x-request-id"}},
	{name: "a lookup that is not found", typeName: "devrev_tag", hcl: `id = "TAG-1"`, args: idArg("TAG-1"),
		want: []string{"DevRev tag not found", `No tag has the id "TAG-1"`, "HTTP 404"}},
	{name: "a count that is not a number", typeName: "devrev_works_count",
		want: []string{"Could not count DevRev works: unusable answer", "body:"}},
}

func idArg(id string) func(tftypes.Object) map[string]tftypes.Value {
	return func(tftypes.Object) map[string]tftypes.Value {
		return map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)}
	}
}

func afterArg(name string) func(tftypes.Object) map[string]tftypes.Value {
	return func(typ tftypes.Object) map[string]tftypes.Value {
		obj := typ.AttributeTypes[name].(tftypes.Object) //nolint:forcetypeassert // a date range is an object
		return map[string]tftypes.Value{name: tftypes.NewValue(obj, map[string]tftypes.Value{
			"after": tftypes.NewValue(tftypes.String, echoAfter), "before": tftypes.NewValue(tftypes.String, nil),
		})}
	}
}

// tokenEchoServer answers each path an echoCase reads with the token it
// received, bare (as after "Bearer " in the Authorization header) or with
// the whole header, in every field the provider may quote, and echoes the
// header in X-Request-Id, Retry-After and the rate limit headers of every
// answer.
func tokenEchoServer(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		tok := strings.TrimPrefix(auth, "Bearer ")
		var req struct {
			Cursor      string          `json:"cursor"`
			CreatedDate json.RawMessage `json:"created_date"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("X-Request-Id", auth)
		h.Set("X-Ratelimit-Reset", tok)
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		page := q(tok) // the cursor of every next page, so that the second one loops
		switch r.URL.Path {
		case "/accounts.list":
			fmt.Fprintf(w, `{"accounts":[{"id":%s,"display_name":%s}],"next_cursor":%s}`, q(tok+"-"+req.Cursor), q(tok), page)
		case "/works.get":
			fmt.Fprintf(w, `{"work":{"id":%s,"display_id":%s,"type":"issue","title":%s}}`, q(tok), q("ISS-"+tok), q(tok))
		case "/works.list":
			// With a date filter the date is checked first; without one the
			// user summary without an id fails the read.
			fmt.Fprintf(w, `{"works":[{"id":%s,"type":"issue","created_date":%s,"owned_by":[{"display_name":%s}]}]}`, q(tok), q(tok), q(tok))
		case "/meetings.list":
			fmt.Fprintf(w, `{"meetings":[{"id":%s,"created_date":%s,"title":%s}]}`, q(tok), q(tok), q(tok))
		case "/tags.list":
			next := ""
			if req.Cursor == "" {
				next = `,"next_cursor":"page-2"`
			}
			fmt.Fprintf(w, `{"tags":[{"id":%s,"name":%s}]%s}`, q(tok), q(tok), next)
		case "/rev-orgs.list":
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"type":"unauthenticated","message":%s,"detail":%s,"field_name":%s,"value":%s,"reference_id":%s}`,
				q("received Authorization: "+auth), q(tok), q(tok), q(tok), q(tok))
		case "/parts.list":
			_, _ = io.WriteString(w, "<html>you sent "+auth+" and "+tok+"</html>")
		case "/groups.list":
			h.Set("Retry-After", tok)
			h.Set("X-Ratelimit-Remaining", tok)
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"type":"throttled","message":%s}`, q(tok))
		case "/tags.get":
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"type":"not_found","message":%s}`, q("no tag for "+auth))
		case "/works.count":
			fmt.Fprintf(w, `{"count":%s}`, q(tok))
		default:
			w.WriteHeader(http.StatusNotImplemented)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Every echoCase read in process: its diagnostic says what went wrong
// without the token, no log line quotes it, and a read that succeeds keeps
// it in state as the server sent it.
func TestEchoedTokenNeverInDiagnostics(t *testing.T) {
	srv := tokenEchoServer(t)
	p := newProtocolServer(&DevRevProvider{version: "test", clientOptions: func(o *devrev.Options) {
		o.Wait = func(time.Duration) time.Duration { return time.Millisecond }
		o.MaxRetries = new(int) // 0: a 429 fails at once
	}})
	configureForBench(t, p, srv.URL)
	schemas, err := p.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{testToken, testToken[:12], testToken[8:]}
	for _, c := range echoCases {
		t.Run(c.name, func(t *testing.T) {
			typ := schemas.DataSourceSchemas[c.typeName].ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's root is an object
			attrs := nullAttrs(typ)
			if c.args != nil {
				for k, v := range c.args(typ) {
					attrs[k] = v
				}
			}
			config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
			if err != nil {
				t.Fatal(err)
			}
			var logs testsupport.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			resp, err := p.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: c.typeName, Config: &config})
			if err != nil {
				t.Fatal(err)
			}
			want := tfprotov6.DiagnosticSeverityError
			if c.warning {
				want = tfprotov6.DiagnosticSeverityWarning
			}
			if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != want {
				t.Fatalf("want one diagnostic of severity %v, got %s", want, diagText(resp.Diagnostics))
			}
			d := resp.Diagnostics[0]
			text := d.Summary + "\n" + d.Detail
			if !errorLike(c.want...).MatchString(text) {
				t.Errorf("the diagnostic does not say %q:\n%s", c.want, text)
			}
			if !strings.Contains(logs.String(), "Received DevRev API response") {
				t.Error("no log line was captured")
			}
			if testing.Verbose() {
				t.Log(text)
			}
			for _, s := range pieces {
				if strings.Contains(text, s) {
					t.Errorf("the diagnostic quotes the token (%q):\n%s", s, text)
				}
				for _, line := range strings.Split(logs.String(), "\n") {
					if strings.Contains(line, s) {
						t.Errorf("a log line quotes the token (%q): %s", s, line)
					}
				}
			}
			if !c.warning {
				return
			}
			// Redaction is for what the provider prints; state is data.
			state, err := resp.State.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]tftypes.Value
			if err := state.As(&got); err != nil {
				t.Fatal(err)
			}
			wantIDs := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, testToken)})
			if !got["ids"].Equal(wantIDs) {
				t.Errorf("ids in state = %v, want the id exactly as the server sent it (%q)", got["ids"], testToken)
			}
		})
	}
}

func diagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n%v: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}
