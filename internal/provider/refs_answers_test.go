package provider

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Answers whose summaries disagree, or that hold a null element or an
// empty id (issue 27), read through the provider: in process, and through
// the CLI where the user sees the warning or the error.

const (
	priyaID = "don:identity:dvrv-us-1:devo/0:devu/1"
	// Priya, renamed between two pages: the second summary has another
	// display name, and a full name the first did not give.
	priya        = `{"type":"dev_user","id":"` + priyaID + `","display_id":"DEVU-1","display_name":"priya","email":"priya@example.com"}`
	priyaRenamed = `{"type":"dev_user","id":"` + priyaID + `","display_id":"DEVU-1","display_name":"priya.r","full_name":"Priya R"}`
	// The same id as a rev user.
	priyaRev = `{"type":"rev_user","id":"` + priyaID + `","display_id":"DEVU-1"}`
)

// engagementsAnswer is an engagements.list answer whose first engagement
// is created by created and whose second has members.
func engagementsAnswer(created, members string) string {
	return `{"engagements":[{"id":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1","created_by":` + created +
		`},{"id":"don:core:dvrv-us-1:devo/0:engagement/2","display_id":"ENGM-2","members":[` + members + `]}]}`
}

// answering is a local API that answers path with body, until the switch
// serves another.
func answering(t *testing.T, path, body string) (*testAPI, *answerSwitch) {
	sw := &answerSwitch{path: path}
	api := startAPI(t, localapi.Options{Intercept: sw.intercept, Counts: map[string]int{"engagements": 3}})
	sw.serve(body)()
	return api, sw
}

func diagnostics(ds []*tfprotov6.Diagnostic, severity tfprotov6.DiagnosticSeverity) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == severity {
			out = append(out, d.Summary+": "+d.Detail)
		}
	}
	return out
}

// A user summarized differently in two engagements: `users` holds the
// first non-null value of each field, the same whichever attributes are
// selected, and a warning names the user and the field that differs. The
// same id as a dev user and as a rev user is an error.
func TestDisagreeingSummariesWarnInProcess(t *testing.T) {
	api, sw := answering(t, "/engagements.list", engagementsAnswer(priya, priyaRenamed))
	p := newInProcess(t, api.URL)
	attributes := func(names ...string) tftypes.Value {
		var vs []tftypes.Value
		for _, n := range names {
			vs = append(vs, tftypes.NewValue(tftypes.String, n))
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vs)
	}
	for _, set := range []map[string]tftypes.Value{nil, {"attributes": attributes("id", "member_ids")}, {"attributes": attributes("id", "created_by_id")}} {
		state, diags := p.read(t, "devrev_engagements", set)
		if state == nil {
			t.Fatalf("%v: read failed: %v", set, diagnostics(diags, tfprotov6.DiagnosticSeverityError))
		}
		var users map[string]tftypes.Value
		if err := state["users"].As(&users); err != nil {
			t.Fatal(err)
		}
		var user map[string]tftypes.Value
		if err := users[priyaID].As(&user); err != nil {
			t.Fatal(err)
		}
		for field, want := range map[string]string{"display_name": "priya", "email": "priya@example.com", "full_name": "Priya R"} {
			if !user[field].Equal(tftypes.NewValue(tftypes.String, want)) {
				t.Errorf("%v: users[%q].%s = %v, want %q", set, priyaID, field, user[field], want)
			}
		}
		warnings := diagnostics(diags, tfprotov6.DiagnosticSeverityWarning)
		if len(warnings) != 1 || !strings.Contains(warnings[0], "devrev_engagements") ||
			!strings.Contains(warnings[0], `"`+priyaID+"\": `display_name`") {
			t.Errorf("%v: warnings %q, want one naming the user and display_name", set, warnings)
		}
	}
	// A get: the same within one engagement.
	get, _ := answering(t, "/engagements.get", `{"engagement":{"id":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1",`+
		`"created_by":`+priya+`,"members":[`+priyaRenamed+`]}}`)
	state, diags := newInProcess(t, get.URL).read(t, "devrev_engagement", map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "ENGM-1")})
	var users map[string]tftypes.Value
	var user map[string]tftypes.Value
	if state == nil || state["users"].As(&users) != nil || users[priyaID].As(&user) != nil ||
		!user["display_name"].Equal(tftypes.NewValue(tftypes.String, "priya")) || !user["full_name"].Equal(tftypes.NewValue(tftypes.String, "Priya R")) {
		t.Errorf("get: users %v (%v)", users, diagnostics(diags, tfprotov6.DiagnosticSeverityError))
	}
	if warnings := diagnostics(diags, tfprotov6.DiagnosticSeverityWarning); len(warnings) != 1 ||
		!strings.Contains(warnings[0], "devrev_engagement summarizes") || !strings.Contains(warnings[0], `"`+priyaID+"\": `display_name`") {
		t.Errorf("get: warnings %q", warnings)
	}
	sw.serve(engagementsAnswer(priya, priyaRev))()
	_, diags = p.read(t, "devrev_engagements", map[string]tftypes.Value{"attributes": attributes("id", "title")})
	if errs := diagnostics(diags, tfprotov6.DiagnosticSeverityError); len(errs) != 1 ||
		!strings.Contains(errs[0], "`users` has two objects of different types under the id \""+priyaID+"\"") {
		t.Errorf("a dev user and a rev user under one id: %q", errs)
	}
}

// A null element of a list, and an empty id, fail a list and a get with an
// error that names the item and the field, instead of reading as "", as a
// tag without a tag, or as `users[""]`.
func TestNullElementsAndEmptyIDsFailInProcess(t *testing.T) {
	const acc = `{"id":"don:core:dvrv-us-1:devo/0:account/1","display_id":"ACC-1"`
	const eng = `{"id":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1"`
	for _, c := range []struct {
		typeName, path, body, want string
		set                        map[string]tftypes.Value
	}{
		{"devrev_accounts", "/accounts.list", `{"accounts":[` + acc + `,"domains":["acme.example",null]}]}`,
			`with an account (item 1 of the page, id "don:core:dvrv-us-1:devo/0:account/1") whose field "domains.1" holds JSON null where the API describes a string`, nil},
		{"devrev_accounts", "/accounts.list", `{"accounts":[` + acc + `,"tags":[null]}]}`,
			`whose field "tags.0" holds JSON null where the API describes an object`, nil},
		{"devrev_engagements", "/engagements.list", `{"engagements":[` + eng + `,"created_by":{"id":"","display_name":"ghost"}}]}`,
			`whose field "created_by" has an empty "id"`, nil},
		{"devrev_engagement", "/engagements.get", `{"engagement":` + eng + `,"members":["DEVU-1",""]}}`,
			`an engagement for "ENGM-1": with a field "members.1" that has an empty "id"`,
			map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "ENGM-1")}},
	} {
		api, _ := answering(t, c.path, c.body)
		p := newInProcess(t, api.URL)
		_, diags := p.read(t, c.typeName, c.set)
		if errs := diagnostics(diags, tfprotov6.DiagnosticSeverityError); len(errs) != 1 ||
			!strings.Contains(errs[0], "unusable answer") || !strings.Contains(errs[0], c.want) {
			t.Errorf("%s: errors %q; want one saying %s", c.body, errs, c.want)
		}
	}
}

// The warning as the user sees it: the CLI prints it, and the plan goes on
// with the merged summary.
func TestAccDisagreeingSummariesWarnInTheCLI(t *testing.T) {
	cli := requireCLI(t)
	api, _ := answering(t, "/engagements.list", engagementsAnswer(priya, priyaRenamed))
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	dir := cliWorkdir(t, api.URL, `token = "`+testToken+`"`, `data "devrev_engagements" "all" { attributes = ["id", "member_ids"] }
output "name" { value = data.devrev_engagements.all.users["`+priyaID+`"].display_name }`)
	cmd := exec.Command(cli, "plan", "-no-color", "-input=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "DEVREV_TOKEN=", "DEVREV_ENDPOINT=")
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil || !strings.Contains(text, `name = "priya"`) {
		t.Fatalf("plan: %v\n%s", err, tail(text))
	}
	if !errorLike("Warning: DevRev's answer to devrev_engagements summarizes an object in two ways",
		`"`+priyaID+"\": `display_name`").MatchString(text) {
		t.Fatalf("no warning naming the user and the field in the CLI's output:\n%s", tail(text))
	}
}

// The errors as the user sees them: the plan fails and says which item
// and which field.
func TestAccNullElementsAndEmptyIDsFail(t *testing.T) {
	list := &answerSwitch{path: "/rev-users.list"}
	get := &answerSwitch{path: "/works.get"}
	eng := &answerSwitch{path: "/engagements.list"}
	api := startAPI(t, localapi.Options{
		Intercept: func(w http.ResponseWriter, r *http.Request, n int, b []byte) bool {
			return list.intercept(w, r, n, b) || get.intercept(w, r, n, b) || eng.intercept(w, r, n, b)
		},
		Counts: map[string]int{"engagements": 3},
	})
	const user = `{"id":"don:identity:dvrv-us-1:devo/0:revu/1","display_id":"REVU-1"`
	const work = `{"id":"don:core:dvrv-us-1:devo/0:ticket/1","display_id":"TKT-1","type":"ticket"`
	steps := []resource.TestStep{
		{PreConfig: list.serve(`{"rev_users":[` + user + `,"phone_numbers":[null]}]}`),
			Config: api.providerBlock() + `data "devrev_rev_users" "all" {}`,
			ExpectError: errorLike("Could not list DevRev rev users: unusable answer",
				`with a rev user (item 1 of the page, id "don:identity:dvrv-us-1:devo/0:revu/1") whose field "phone_numbers.0" holds JSON null where the API describes a string`)},
		{PreConfig: get.serve(`{"work":` + work + `,"channels":["email",null]}}`),
			Config:      api.providerBlock() + `data "devrev_work" "one" { id = "TKT-1" }`,
			ExpectError: errorLike(`a work for "TKT-1": with a field "channels.1" that holds JSON null where the API describes a string`)},
		{PreConfig: get.serve(`{"work":` + work + `,"owned_by":[{"id":""}]}}`),
			Config:      api.providerBlock() + `data "devrev_work" "one" { id = "TKT-1" }`,
			ExpectError: errorLike(`a work for "TKT-1": with a field "owned_by.0" that has an empty "id"`)},
		{PreConfig: eng.serve(engagementsAnswer(priya, priyaRev)),
			Config: api.providerBlock() + `data "devrev_engagements" "all" { attributes = ["id"] }`,
			ExpectError: errorLike("Could not list DevRev engagements: unusable answer",
				"`users` has two objects of different types under the id \""+priyaID+"\"")},
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
}
