package provider

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/devrev"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Exact, or an error (internal/devrev/answer.go), through the real CLI.

// answerSwitch lets a test replace the answers to one path with a body of
// its own, from one step to the next.
type answerSwitch struct {
	path string
	body atomic.Pointer[string] // nil: the local API answers
}

func (s *answerSwitch) serve(body string) func() { return func() { s.body.Store(&body) } }
func (s *answerSwitch) restore()                 { s.body.Store(nil) }

func (s *answerSwitch) intercept(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
	body := s.body.Load()
	if body == nil || r.URL.Path != s.path {
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, *body)
	return true
}

// Data sources drive for_each. After a good apply, a 200 answer that is not
// what the API describes makes the plan fail, through the CLI a user runs,
// instead of reading as "no engagements" and planning to destroy every
// instance; the state keeps them all.
func TestAccExact_malformedAnswerDoesNotPlanDestroy(t *testing.T) {
	cli := requireCLI(t)
	sw := &answerSwitch{path: "/engagements.list"}
	api := startAPI(t, localapi.Options{Intercept: sw.intercept, Counts: map[string]int{"engagements": 40}})
	want := len(where(localapi.Items[localapi.Engagement](api.Server, "engagements"), func(e localapi.Engagement) bool { return slices.Contains(e.Parents, "ACC-1") }))
	if want < 2 {
		t.Fatalf("only %d engagements of ACC-1", want)
	}
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	dir := cliWorkdir(t, api.URL, fmt.Sprintf("token = %q", testToken), `
data "devrev_engagements" "all" { parent = ["ACC-1"] }
resource "terraform_data" "follow_up" {
  for_each = toset(data.devrev_engagements.all.ids)
  input    = each.key
}`)
	run := func(args ...string) (string, error) {
		cmd := exec.Command(cli, append(args, "-no-color", "-input=false")...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "DEVREV_TOKEN=", "DEVREV_ENDPOINT=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("apply", "-auto-approve"); err != nil || !strings.Contains(out, fmt.Sprintf("%d added", want)) {
		t.Fatalf("apply (want %d added): %v\n%s", want, err, tail(out))
	}
	for _, c := range []struct{ body, want string }{
		{`{}`, `without its "engagements" array`},
		{`{"error":"upstream timeout"}`, `without its "engagements" array`},
		{`{"data":{"engagements":[]}}`, `without its "engagements" array`},
		{`{"engagements":[null]}`, `null or has no "id"`},
	} {
		sw.serve(c.body)()
		out, err := run("plan", "-detailed-exitcode")
		if err == nil || strings.Contains(out, "will be destroyed") || !errorLike("unusable answer", c.want).MatchString(out) {
			t.Errorf("answer %s: plan %v, want it to fail saying %q and plan nothing:\n%s", c.body, err, c.want, tail(out))
		}
	}
	sw.restore()
	if out, err := run("plan", "-detailed-exitcode"); err != nil {
		t.Errorf("after the API recovered the plan is not empty (%v):\n%s", err, tail(out))
	}
}

// Every way a 200 list answer can lack what the API describes is an error
// that says what was missing, and nothing reaches state.
func TestAccExact_malformedListAnswers(t *testing.T) {
	sw := &answerSwitch{path: "/accounts.list"}
	api := startAPI(t, localapi.Options{Intercept: sw.intercept, Counts: map[string]int{"engagements": 3, "accounts": 6}})
	const acc = `{"id":"don:core:dvrv-us-1:devo/0:account/1","display_id":"ACC-1","display_name":"Acme Corp"}`
	config := api.providerBlock() + `
data "devrev_accounts" "all" {}
output "accounts" { value = length(data.devrev_accounts.all.ids) }
`
	steps := []resource.TestStep{{
		Config:            config,
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("accounts", knownvalue.Int64Exact(6))},
	}}
	for _, c := range []struct{ body, want string }{
		{`{}`, `without its "accounts" array`},
		{`null`, `without its "accounts" array`},
		{`{"error":"upstream timeout"}`, `without its "accounts" array`},
		{`{"data":{"accounts":[` + acc + `]}}`, `without its "accounts" array`},
		{`{"accounts":null,"next_cursor":null}`, `without its "accounts" array`},
		{`{"Accounts":[` + acc + `]}`, `without its "accounts" array`},
		{`{"accounts":[null]}`, `with an account that is null or has no "id" (item 1 of 1 in "accounts")`},
		{`{"accounts":[` + acc + `,{"ID":"don:core:dvrv-us-1:devo/0:account/2"}]}`, `with an account that is null or has no "id" (item 2 of 2 in "accounts")`},
		{`{"accounts":[` + acc + `,{"id":"ACC-x","display_name":7}]}`, `with an account (item 2 of the page, id "ACC-x") whose field "display_name" holds JSON number where the API describes a string`},
		{`{"accounts":[` + acc + `],"accounts":[]}`, `duplicate object member name "accounts"`},
		{`<html>gateway</html>`, `a body that is not the JSON the API describes`},
	} {
		steps = append(steps, resource.TestStep{
			PreConfig:   sw.serve(c.body),
			Config:      config,
			ExpectError: errorLike("Could not list DevRev accounts: unusable answer", "POST /accounts.list with HTTP 200 but", c.want, "Nothing was read into state"),
		})
	}
	// A user summary without an id cannot be put in `users`, nor referred
	// to: an error, not a user silently left out. (The same for `parents`.)
	steps = append(steps, resource.TestStep{
		PreConfig: sw.serve(`{"accounts":[` + acc + `,{"id":"don:core:dvrv-us-1:devo/0:account/2","owned_by":[{"id":"DEVU-1"},{"display_name":"ghost"}]}]}`),
		Config:    config,
		ExpectError: errorLike("Could not list DevRev accounts: unusable answer",
			`accounts[1] ("don:core:dvrv-us-1:devo/0:account/2"): `+"`owned_by_ids`"+` names an object without an id`, "Nothing was read into state"),
	})
	steps = append(steps, resource.TestStep{PreConfig: sw.restore, Config: config, PlanOnly: true})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
}

// A get or a count answered without its object or count, or with an object
// without an id, is an error too, and so is a count of the wrong type.
func TestAccExact_getAndCountAnswers(t *testing.T) {
	get := &answerSwitch{path: "/engagements.get"}
	count := &answerSwitch{path: "/engagements.count"}
	api := startAPI(t, localapi.Options{
		Intercept: func(w http.ResponseWriter, r *http.Request, n int, b []byte) bool {
			return get.intercept(w, r, n, b) || count.intercept(w, r, n, b)
		},
		Counts: map[string]int{"engagements": 3},
	})
	getConfig := api.providerBlock() + `data "devrev_engagement" "one" { id = "ENGM-1" }`
	countConfig := api.providerBlock() + `data "devrev_engagements_count" "all" {}`
	var steps []resource.TestStep
	for _, c := range []struct{ body, want string }{
		{`{"engagement":null}`, `without an engagement for "ENGM-1"`},
		{`{"Engagement":{"id":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1"}}`, `without an engagement for "ENGM-1"`},
		{`{"engagement":{"id":null,"display_id":"ENGM-1"}}`, `with an engagement for "ENGM-1" that has no id`},
		{`{"engagement":{"ID":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1"}}`, `that has no id`},
	} {
		steps = append(steps, resource.TestStep{PreConfig: get.serve(c.body), Config: getConfig,
			ExpectError: errorLike("unusable answer", "POST /engagements.get with HTTP 200 but", c.want)})
	}
	steps = append(steps, resource.TestStep{
		PreConfig: get.serve(`{"engagement":{"id":"don:core:dvrv-us-1:devo/0:engagement/1","display_id":"ENGM-1","created_by":{"display_name":"ghost"}}}`),
		Config:    getConfig,
		ExpectError: errorLike(`Could not read DevRev engagement "ENGM-1": unusable answer`,
			"`created_by_id` names an object without an id", "Nothing was read into state")})
	for _, c := range []struct{ body, want string }{
		{`{}`, `without its "count"`},
		{`{"Count":3}`, `without its "count"`},
		{`{"count":"3"}`, `with a field "count" that holds JSON string where the API describes a whole number`},
		{`{"count":-1}`, `with a negative count (-1)`},
	} {
		steps = append(steps, resource.TestStep{PreConfig: count.serve(c.body), Config: countConfig,
			ExpectError: errorLike("unusable answer", "POST /engagements.count with HTTP 200 but", c.want)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
}

// Data is never altered: redaction is for what the provider prints. Titles
// and descriptions that hold "Bearer", a bearer credential and the token
// itself reach state byte for byte, with a token short enough to occur in
// the JSON keys of every answer ("engagements").
func TestAccExact_dataIsNeverRedacted(t *testing.T) {
	const token = "ement"
	texts := []string{
		"Call with Standard-Bearer Technologies",
		"bearer certificates and Bearer bonds",
		"Bearer abcdefghijklmnopqrstuvwxyz0123456789",
		"the string ement, twice: element",
		"BEARER ement-ement-ement-ement",
	}
	engs := localapi.Generate(3, len(texts))
	for i := range engs {
		engs[i].Title = texts[i]
		engs[i].Description = texts[len(texts)-1-i] + "\n" + token
	}
	api := startAPI(t, localapi.Options{Token: token, Data: map[string]any{"engagements": engs}})
	var checks []statecheck.StateCheck
	for i, e := range localapi.Items[localapi.Engagement](api.Server, "engagements") {
		item := tfjsonpath.New("engagements").AtSliceIndex(i)
		checks = append(checks,
			statecheck.ExpectKnownValue("data.devrev_engagements.all", item.AtMapKey("title"), knownvalue.StringExact(e.Title)),
			statecheck.ExpectKnownValue("data.devrev_engagements.all", item.AtMapKey("description"), knownvalue.StringExact(e.Description)),
			statecheck.ExpectKnownValue("data.devrev_engagement.each_"+fmt.Sprint(i), tfjsonpath.New("title"), knownvalue.StringExact(e.Title)))
	}
	config := fmt.Sprintf("provider \"devrev\" {\n  endpoint = %q\n  token    = %q\n}\ndata \"devrev_engagements\" \"all\" { attributes = [\"title\", \"description\"] }\n", api.URL, token)
	for i, e := range localapi.Items[localapi.Engagement](api.Server, "engagements") {
		config += fmt.Sprintf("data \"devrev_engagement\" \"each_%d\" { id = %q }\n", i, e.DisplayID)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

// A wait the shared rate budget would have to sleep past max_retry_wait
// fails the read at once: one request sent (the one whose answer said the
// window is used up), no retry backoff, and the wait said in whole seconds.
func TestAccExact_budgetWaitPastMaxFailsAtOnce(t *testing.T) {
	var lists atomic.Int32
	api := startAPI(t, localapi.Options{
		Intercept: func(w http.ResponseWriter, r *http.Request, _ int, _ []byte) bool {
			if r.URL.Path != "/engagements.list" {
				return false
			}
			lists.Add(1)
			// A page with more to follow, in a window used up until an hour
			// from now.
			w.Header().Set("X-Ratelimit-Limit", "100")
			w.Header().Set("X-Ratelimit-Remaining", "0")
			w.Header().Set("X-Ratelimit-Reset", fmt.Sprint(time.Now().Add(time.Hour).Unix()))
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"engagements":[{"id":"don:core:dvrv-us-1:devo/0:engagement/1"}],"next_cursor":"page-2"}`)
			return true
		},
		Counts: map[string]int{"engagements": 3},
	})
	w := &waits{}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(w),
		Steps: []resource.TestStep{{
			Config: api.providerBlock(`max_retry_wait = "30s"`) + `data "devrev_engagements" "all" { page_size = 1 }`,
			// The wait in whole seconds, not 59m59.959309016s.
			ExpectError: regexp.MustCompile(`(?s)rate limited.*asks\s+to\s+wait\s+(1h0m0s|59m[0-9]+s)\s+before.*longer\s+than\s+max_retry_wait\s+\(30s\)`),
		}},
	})
	if n := lists.Load(); n != 1 {
		t.Errorf("%d list requests, want 1: the second page must not be sent", n)
	}
	if got := w.all(); len(got) != 0 {
		t.Errorf("retry waits %v: a budget wait past max_retry_wait must not be retried", got)
	}
}

// A read stops with an error once it has gathered more than the bound on
// items, here from one page of tiny items (which the CLI would otherwise
// hold as that many objects of null attributes).
func TestAccExact_readBound(t *testing.T) {
	huge := func() string {
		var b strings.Builder
		b.WriteString(`{"engagements":[`)
		for i := range devrev.MaxReadItems + 1 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"e%d"}`, i)
		}
		b.WriteString(`],"next_cursor":"more"}`)
		return b.String()
	}()
	sw := &answerSwitch{path: "/engagements.list"}
	sw.serve(huge)()
	api := startAPI(t, localapi.Options{Intercept: sw.intercept, Counts: map[string]int{"engagements": 3}})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `data "devrev_engagements" "all" {}`,
			ExpectError: errorLike("read too large", fmt.Sprintf("the read stopped after gathering %d engagements", devrev.MaxReadItems+1),
				"narrow the filters"),
		}},
	})
}
