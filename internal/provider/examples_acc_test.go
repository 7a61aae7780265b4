package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// The examples under examples/tasks and examples/quickstart are what a new
// user copies: each is applied here as a user applies it, through the real
// CLI with dev_overrides, against a local API dated as of today (so that
// "the last 90 days" holds data), and its outputs are checked against what
// the local API holds. A folder added there is applied by itself; a check
// below for its outputs makes it prove more than "it applies and is not
// empty".

// exampleCheck checks an example's outputs (`output -json`, each output's
// value) against the local API built with opts.
type exampleCheck func(t *testing.T, opts localapi.Options, out map[string]any)

var exampleChecks = map[string]exampleCheck{
	"quickstart":              checkQuickstart,
	"account-meetings":        checkAccountMeetings,
	"high-severity-tickets":   checkHighSeverityTickets,
	"group-engagements":       checkGroupEngagements,
	"tagged-works":            checkTaggedWorks,
	"engagements-per-month":   checkEngagementsPerMonth,
	"for-each-accounts":       checkForEachAccounts,
	"functions":               checkFunctions,
	"part-incidents":          checkPartIncidents,
	"breached-sla-tickets":    checkBreachedSLATickets,
	"account-conversations":   checkAccountConversations,
	"tickets-by-custom-field": checkTicketsByCustomField,
}

// examplesNeedingFunctions are the examples that call provider functions
// (cliHasFunctions).
var examplesNeedingFunctions = map[string]bool{"functions": true}

func TestAccExamples(t *testing.T) {
	cli := requireCLI(t)
	root := filepath.Join("..", "..", "examples")
	dirs := []string{filepath.Join(root, "quickstart")}
	tasks, err := os.ReadDir(filepath.Join(root, "tasks"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tasks {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(root, "tasks", e.Name()))
		}
	}
	// A check whose folder was renamed or removed would be lost silently.
	for name := range exampleChecks {
		if !slices.ContainsFunc(dirs, func(d string) bool { return filepath.Base(d) == name }) {
			t.Errorf("no folder %q under examples/tasks or examples/quickstart, which exampleChecks checks", name)
		}
	}

	opts := localapi.Options{SeedDate: time.Now().UTC()}
	api := startAPI(t, opts)
	cliConfig := devOverrides(t, filepath.Dir(buildProvider(t)))
	functions := cliHasFunctions(t, cli)

	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			if examplesNeedingFunctions[name] && !functions {
				t.Skip("provider functions need Terraform 1.8+ or OpenTofu 1.7+; this test runs them on 1.8+ of either, as function_acc_test.go does")
			}
			work := t.TempDir()
			copyExample(t, dir, work)
			env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1",
				"DEVREV_ENDPOINT="+api.URL, "DEVREV_TOKEN="+testToken)
			run := func(args ...string) []byte {
				cmd := exec.Command(cli, args...)
				cmd.Dir, cmd.Env = work, env
				out, err := cmd.Output()
				if err != nil {
					stderr := ""
					if ee, ok := err.(*exec.ExitError); ok {
						stderr = string(ee.Stderr)
					}
					t.Fatalf("%s %s: %v\n%s\n%s", filepath.Base(cli), strings.Join(args, " "), err, tail(string(out)), tail(stderr))
				}
				return out
			}
			run("apply", "-auto-approve", "-no-color", "-input=false")
			var outputs map[string]struct {
				Value any `json:"value"`
			}
			if err := json.Unmarshal(run("output", "-json"), &outputs); err != nil {
				t.Fatal(err)
			}
			if len(outputs) == 0 {
				t.Fatal("the example has no outputs: a person reads nothing")
			}
			values := map[string]any{}
			for k, o := range outputs {
				if isEmpty(o.Value) {
					t.Errorf("output %q is empty (%v) against the local API: the example shows nothing", k, o.Value)
				}
				values[k] = o.Value
			}
			if check := exampleChecks[name]; check != nil {
				check(t, opts, values)
			}
		})
	}
}

// cliHasFunctions reports whether the CLI is 1.8 or newer, and so has
// provider functions.
func cliHasFunctions(t *testing.T, cli string) bool {
	t.Helper()
	out, err := exec.Command(cli, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", cli, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json: %v\n%s", cli, err, out)
	}
	var major, minor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("%s version -json: version %q: %v", cli, v.Version, err)
	}
	// As in function_acc_test.go, 1.8 for both: OpenTofu reports its own
	// version here, and its 1.7, which had functions, is skipped too.
	return major > 1 || major == 1 && minor >= 8
}

// copyExample copies the .tf files of an example folder to work.
func copyExample(t *testing.T, dir, work string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s (%v)", dir, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(work, filepath.Base(f)), string(data))
	}
}

// isEmpty is true of a null output, an empty string, list or map.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// expectOutput fails t unless the output got equals want, both as JSON
// decodes them.
func expectOutput(t *testing.T, name string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(asJSON(got), asJSON(want)) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("output %s:\n%s\nwant, from the local API:\n%s", name, g, w)
	}
}

// asJSON is v as JSON decodes it.
func asJSON(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var decoded any
	if err := json.Unmarshal(data, &decoded); err != nil {
		panic(err)
	}
	return decoded
}

// Helpers on objects as the local API serves them (decoded JSON).

func servedAt(item any, path ...string) any {
	for _, p := range path {
		m, _ := item.(map[string]any)
		item = m[p]
	}
	return item
}

func servedText(item any, path ...string) string { s, _ := servedAt(item, path...).(string); return s }

func servedList(v any) []any { l, _ := v.([]any); return l }

// names are the display names of the users (served summaries) in v.
func userNames(v any) []string {
	out := []string{}
	for _, u := range servedList(v) {
		out = append(out, servedText(u, "display_name"))
	}
	return out
}

// byName is the one served item whose key is name.
func byName(t *testing.T, items []any, key, name string) any {
	t.Helper()
	found := pick(items, func(m map[string]any) bool { return m[key] == name })
	if len(found) != 1 {
		t.Fatalf("the local API has %d objects with %s %q, want 1", len(found), key, name)
	}
	return found[0]
}

// newestFirst sorts items by created_date, newest first.
func newestFirst(items []any) []any {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b any) int {
		return createdAt(b).Compare(createdAt(a))
	})
	return out
}

func createdAt(item any) time.Time {
	at, _ := time.Parse(time.RFC3339, servedText(item, "created_date"))
	return at
}

func firstN(items []any, n int) []any { return items[:min(n, len(items))] }

func checkQuickstart(t *testing.T, opts localapi.Options, out map[string]any) {
	acme := byName(t, served(t, opts, "/accounts.list", "accounts"), "display_name", "Acme Corp")
	engs := pick(served(t, opts, "/engagements.list", "engagements"), func(e map[string]any) bool {
		return servedText(e, "parent", "id") == servedText(acme, "id")
	})
	want := []string{}
	for _, e := range firstN(newestFirst(engs), 5) {
		want = append(want, servedText(e, "title")+": "+strings.Join(userNames(servedAt(e, "members")), ", "))
	}
	expectOutput(t, "recent_engagements", out["recent_engagements"], want)
}

func checkAccountMeetings(t *testing.T, opts localapi.Options, out map[string]any) {
	acme := byName(t, served(t, opts, "/accounts.list", "accounts"), "display_name", "Acme Corp")
	cutoff := time.Now().Add(-90 * 24 * time.Hour)
	meetings := pick(served(t, opts, "/meetings.list", "meetings"), func(m map[string]any) bool {
		return servedText(m, "parent", "id") == servedText(acme, "id") && !createdAt(m).Before(cutoff)
	})
	want := []map[string]any{}
	for _, m := range firstN(newestFirst(meetings), 10) {
		want = append(want, map[string]any{
			"title": servedText(m, "title"), "scheduled": servedAt(m, "scheduled_date"), "participants": userNames(servedAt(m, "members")),
		})
	}
	expectOutput(t, "meetings", out["meetings"], want)
}

func checkAccountConversations(t *testing.T, opts localapi.Options, out map[string]any) {
	acme := byName(t, served(t, opts, "/accounts.list", "accounts"), "display_name", "Acme Corp")
	open := pick(served(t, opts, "/conversations.list", "conversations"), func(c map[string]any) bool {
		return servedText(c, "account", "id") == servedText(acme, "id") && servedText(c, "stage", "state", "name") == "open"
	})
	want, stages := map[string]any{}, map[string]int{}
	for _, c := range open {
		want[servedText(c, "display_id")] = map[string]any{
			"title": servedText(c, "title"), "sla_stage": servedAt(c, "sla_summary", "stage"),
			"sla_target": servedAt(c, "sla_summary", "target_time"), "owners": userNames(servedAt(c, "owned_by")),
		}
		stage := servedText(c, "sla_summary", "stage")
		if stage == "" {
			stage = "none"
		}
		stages[stage]++
	}
	expectOutput(t, "conversations", out["conversations"], want)
	expectOutput(t, "by_sla_stage", out["by_sla_stage"], stages)
}

func checkHighSeverityTickets(t *testing.T, opts localapi.Options, out map[string]any) {
	works := served(t, opts, "/works.list", "works")
	want := map[string][]string{}
	for _, s := range []string{"blocker", "high"} {
		want[s] = []string{}
		for _, w := range pick(works, func(w map[string]any) bool {
			return w["type"] == "ticket" && w["severity"] == s && servedText(w, "stage", "state", "name") == "open"
		}) {
			want[s] = append(want[s], fmt.Sprintf("%s: %s (%s)", servedText(w, "display_id"), servedText(w, "title"),
				strings.Join(userNames(servedAt(w, "owned_by")), ", ")))
		}
	}
	expectOutput(t, "tickets_by_severity", out["tickets_by_severity"], want)
}

// checkBreachedSLATickets: the open tickets whose tracker is in breach, in
// the trackers' order, each with its SLA's name and the metrics in breach.
func checkBreachedSLATickets(t *testing.T, opts localapi.Options, out map[string]any) {
	open := map[string]map[string]any{}
	for _, w := range pick(served(t, opts, "/works.list", "works"), func(w map[string]any) bool {
		return w["type"] == "ticket" && servedText(w, "stage", "state", "name") == "open"
	}) {
		open[servedText(w, "id")] = w.(map[string]any)
	}
	want := []string{}
	for _, tr := range pick(served(t, opts, "/sla-trackers.list", "sla_trackers"), func(tr map[string]any) bool { return tr["stage"] == "breached" }) {
		w, ok := open[servedText(tr, "applies_to_id")]
		if !ok {
			continue
		}
		var metrics []string
		for _, m := range servedList(servedAt(tr, "metric_target_summaries")) {
			if servedText(m, "stage") == "breached" {
				metrics = append(metrics, servedText(m, "metric_definition", "name"))
			}
		}
		want = append(want, fmt.Sprintf("%s: %s (%s: %s)", servedText(w, "display_id"), servedText(w, "title"),
			servedText(tr, "sla", "name"), strings.Join(metrics, ", ")))
	}
	if len(want) == 0 {
		t.Fatal("the local API holds no open ticket in breach: the check proves nothing")
	}
	expectOutput(t, "breached_tickets", out["breached_tickets"], want)
}

func checkGroupEngagements(t *testing.T, opts localapi.Options, out map[string]any) {
	group := byName(t, served(t, opts, "/groups.list", "groups"), "name", "Support L1")
	members := served(t, opts, "/groups.members.list", "members", map[string]any{"group": servedText(group, "id")})
	ids := map[string]bool{}
	var memberNames []string
	for _, m := range members {
		ids[servedText(m, "member", "id")] = true
		memberNames = append(memberNames, servedText(m, "member", "display_name"))
	}
	slices.Sort(memberNames)
	expectOutput(t, "members", out["members"], memberNames)

	cutoff := time.Now().Add(-2160 * time.Hour)
	var want []string
	for _, e := range newestFirst(served(t, opts, "/engagements.list", "engagements")) {
		if createdAt(e).Before(cutoff) || !slices.ContainsFunc(servedList(servedAt(e, "members")), func(u any) bool { return ids[servedText(u, "id")] }) {
			continue
		}
		want = append(want, fmt.Sprintf("%s %s: %s", servedText(e, "created_date")[:10], servedText(e, "engagement_type"), servedText(e, "title")))
	}
	// Engagements created in the same second may come in either order.
	got := slices.Clone(stringsOf(out["engagements"]))
	slices.Sort(got)
	slices.Sort(want)
	expectOutput(t, "engagements (sorted)", got, want)
}

func checkTaggedWorks(t *testing.T, opts localapi.Options, out map[string]any) {
	tag := byName(t, served(t, opts, "/tags.list", "tags"), "name", "bug")
	part := byName(t, served(t, opts, "/parts.list", "parts"), "name", "Billing")
	// The local API's own answer to the same filters, read directly.
	works := served(t, opts, "/works.list", "works", map[string]any{
		"tags": []string{servedText(tag, "id")}, "applies_to_part": []string{servedText(part, "id")},
	})
	want := []string{}
	for _, w := range works {
		want = append(want, fmt.Sprintf("%s (%s, %s): %s", servedText(w, "display_id"), servedText(w, "type"), servedText(w, "stage", "name"), servedText(w, "title")))
	}
	expectOutput(t, "works", out["works"], want)
	expectOutput(t, "part", out["part"], []string{"Billing"})
}

func checkEngagementsPerMonth(t *testing.T, opts localapi.Options, out map[string]any) {
	engs := served(t, opts, "/engagements.list", "engagements")
	want := map[string]map[string]int{}
	for _, e := range engs {
		month := servedText(e, "created_date")[:7]
		if want[month] == nil {
			want[month] = map[string]int{}
		}
		want[month][servedText(e, "engagement_type")]++
	}
	expectOutput(t, "per_month", out["per_month"], want)
	expectOutput(t, "total", out["total"], len(engs))
}

func checkForEachAccounts(t *testing.T, opts localapi.Options, out map[string]any) {
	engs := served(t, opts, "/engagements.list", "engagements")
	want := map[string]any{}
	for _, a := range served(t, opts, "/accounts.list", "accounts") {
		n := len(pick(engs, func(e map[string]any) bool { return servedText(e, "parent", "id") == servedText(a, "id") }))
		want[servedText(a, "display_id")] = map[string]any{"name": servedText(a, "display_name"), "engagements": n}
	}
	expectOutput(t, "accounts", out["accounts"], want)
}

func checkFunctions(t *testing.T, opts localapi.Options, out map[string]any) {
	want := map[string]any{}
	add := func(items []any, typeOf func(any) string) {
		for _, it := range firstN(newestFirst(items), 3) {
			display := servedText(it, "display_id")
			_, number, _ := strings.Cut(display, "-")
			want[display] = map[string]any{"type": typeOf(it), "display_id_type": typeOf(it), "number": number}
		}
	}
	add(served(t, opts, "/engagements.list", "engagements"), func(any) string { return "engagement" })
	add(served(t, opts, "/works.list", "works"), func(w any) string { return servedText(w, "type") })
	expectOutput(t, "objects", out["objects"], want)
}

func checkPartIncidents(t *testing.T, opts localapi.Options, out map[string]any) {
	// Billing and the parts under it, from the part hierarchy the local
	// API holds (parts.list does not serve a part's parent).
	parts := localapi.Items[localapi.Part](localapi.New(opts), "parts")
	billing := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, p := range parts {
			if !billing[p.ID] && (p.Name == "Billing" && p.Type == "product" || billing[p.Parent]) {
				billing[p.ID], changed = true, true
			}
		}
	}
	cutoff := time.Now().Add(-90 * 24 * time.Hour)
	second := func(item any, date string) time.Time {
		at, _ := time.Parse(time.RFC3339, servedText(item, date))
		return at.Truncate(time.Second)
	}
	want := map[string]any{}
	var mitigated, total, children int
	for _, i := range served(t, opts, "/incidents.list", "incidents") {
		var names []string
		in := false
		for _, p := range servedList(servedAt(i, "applies_to_parts")) {
			names = append(names, servedText(p, "name"))
			in = in || billing[servedText(p, "id")]
		}
		if !in || second(i, "identified_date").Before(cutoff) {
			continue
		}
		if !slices.Contains(names, "Billing") {
			children++
		}
		var minutes any
		if servedText(i, "mitigated_date") != "" {
			n := int(second(i, "mitigated_date").Sub(second(i, "identified_date")) / time.Minute)
			minutes, mitigated, total = n, mitigated+1, total+n
		}
		want[servedText(i, "display_id")] = map[string]any{
			"title": servedText(i, "title"), "parts": names, "severity": servedText(i, "severity", "label"),
			"stage": servedText(i, "stage", "stage", "name"), "identified": servedText(i, "identified_date"), "minutes_to_mitigate": minutes,
		}
	}
	if mitigated == 0 || mitigated == len(want) || children == 0 {
		t.Fatalf("the local API has %d incidents of Billing and its parts in the last 90 days, %d of them mitigated and %d of parts under it: the check needs some of each",
			len(want), mitigated, children)
	}
	expectOutput(t, "incidents", out["incidents"], want)
	expectOutput(t, "mean_minutes_to_mitigate", out["mean_minutes_to_mitigate"], total/mitigated)
}

func stringsOf(v any) []string {
	out := []string{}
	for _, s := range servedList(v) {
		str, _ := s.(string)
		out = append(out, str)
	}
	return out
}

// checkTicketsByCustomField checks the grouping by tnt__region, the
// numbers compared as numbers and the singular data source's fields
// against the open tickets the local API serves with their custom fields.
func checkTicketsByCustomField(t *testing.T, opts localapi.Options, out map[string]any) {
	tickets := pick(served(t, opts, "/works.list", "works"), func(w map[string]any) bool {
		return w["type"] == "ticket" && servedText(w, "stage", "state", "name") == "open"
	})
	groups, counts, high := map[string][]string{}, map[string]int{}, []string{}
	var withFields []string
	fieldsOf := map[string]any{}
	for _, w := range tickets {
		label := servedText(w, "display_id") + ": " + servedText(w, "title")
		cf, _ := servedAt(w, "custom_fields").(map[string]any)
		group := "(none)"
		if r, ok := cf["tnt__region"].(string); ok {
			group = r
		}
		groups[group] = append(groups[group], label)
		counts[group]++
		if score, ok := cf["tnt__impact_score"].(float64); ok && score >= 4 {
			high = append(high, label)
		}
		if len(cf) > 0 {
			withFields = append(withFields, servedText(w, "id"))
			fieldsOf[servedText(w, "id")] = cf
		}
	}
	// Else the example shows no grouping and no comparison.
	if len(groups) < 3 || len(high) == 0 || len(high) == len(tickets) || len(withFields) == 0 {
		t.Fatalf("the seed gives %d groups, %d of %d tickets of high impact: the example proves nothing", len(groups), len(high), len(tickets))
	}
	expectOutput(t, "tickets_by_field", out["tickets_by_field"], groups)
	expectOutput(t, "count_by_field", out["count_by_field"], counts)
	expectOutput(t, "high_impact", out["high_impact"], high)
	slices.Sort(withFields) // keys() sorts an object's keys
	expectOutput(t, "first_ticket_fields", out["first_ticket_fields"], map[string]any{"id": withFields[0], "fields": fieldsOf[withFields[0]]})
}
