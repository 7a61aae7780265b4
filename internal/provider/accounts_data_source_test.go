package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// accountOpts is the data the accounts tests read: enough accounts for
// several pages, each filter value shared by some and not all.
var accountOpts = localapi.Options{Seed: 21, Counts: map[string]int{"engagements": 60, "accounts": 230, "dev-users": 14}}

// filterCase is one filter of a list data source: its HCL, the JSON the
// spec says the request body must carry for it, and which items match.
type filterCase struct {
	name, hcl string
	field     string // the request body's field, as the spec names it
	body      string // its JSON value
	keep      func(map[string]any) bool
}

// runFilterCases reads one data source per case in one plan, checks each
// one's items against the matching items the API served, and checks that
// every case's filter reached a request body under the spec's name with
// exactly the configured value.
func runFilterCases(t *testing.T, api *testAPI, typeName, path, key string, all []any, cases []filterCase) {
	t.Helper()
	config := api.providerBlock()
	var checks []statecheck.StateCheck
	for _, c := range cases {
		want := pick(all, c.keep)
		if len(want) == 0 || len(want) == len(all) {
			t.Fatalf("%s: the seed gives %d of %d items; the case proves nothing", c.name, len(want), len(all))
		}
		config += fmt.Sprintf("data %q %q {\n  %s\n}\n", typeName, c.name, c.hcl)
		checks = append(checks, statecheck.ExpectKnownValue("data."+typeName+"."+c.name, tfjsonpath.New("ids"), knownvalue.ListExact(idChecks(want))))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
	seen := map[string]bool{}
	for _, b := range specBodies(t, api.requestsTo(path)) {
		for _, c := range cases {
			got, ok := b[c.field]
			if !ok {
				continue
			}
			js, _ := json.Marshal(got)
			var want any
			_ = json.Unmarshal([]byte(c.body), &want)
			wantJS, _ := json.Marshal(want)
			if string(js) == string(wantJS) {
				seen[c.name] = true
			}
		}
	}
	for _, c := range cases {
		if !seen[c.name] {
			t.Errorf("%s: no %s request carried %q: %s", c.name, path, c.field, c.body)
		}
	}
}

func idChecks(items []any) []knownvalue.Check {
	out := make([]knownvalue.Check, len(items))
	for i, it := range items {
		out[i] = knownvalue.StringExact(servedID(it.(map[string]any)))
	}
	return out
}

// servedID is the id of a served item, as the client's id getters read
// it: its "id", or for an item without one (a group member) its member's.
func servedID(item map[string]any) string {
	if id, ok := item["id"].(string); ok {
		return id
	}
	member, _ := item["member"].(map[string]any)
	id, _ := member["id"].(string)
	return id
}

// strs is a JSON array of strings, or nil.
func strs(v any) []string {
	arr, _ := v.([]any)
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		switch e := e.(type) {
		case string:
			out = append(out, e)
		case map[string]any: // a user summary: both of its ids
			for _, k := range []string{"id", "display_id"} {
				if s, ok := e[k].(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func has(v any, want string) bool {
	return slices.ContainsFunc(strs(v), func(s string) bool { return strings.EqualFold(s, want) })
}

func instant(s any) time.Time {
	t, _ := time.Parse(time.RFC3339, fmt.Sprint(s))
	return t
}

// Every filter of devrev_accounts reaches the request under the spec's
// name and selects exactly the accounts it should.
func TestAccAccounts_everyFilter(t *testing.T) {
	api := startAPI(t, accountOpts)
	all := served(t, accountOpts, "/accounts.list", "accounts")
	// An account that has every optional field, to take filter values from.
	var a map[string]any
	for _, it := range all {
		m := it.(map[string]any)
		if len(strs(m["domains"])) > 0 && len(strs(m["websites"])) > 0 && len(strs(m["external_refs"])) > 0 &&
			len(strs(m["owned_by"])) > 0 && m["created_by"] != nil && m["tier"] != nil && m["subtype"] != nil {
			a = m
			break
		}
	}
	if a == nil {
		t.Fatal("no seeded account has every field")
	}
	stage := ""
	stageOf := map[string]string{}
	for _, acc := range localapi.Items[localapi.Account](api.Server, "accounts") {
		stageOf[acc.ID] = acc.Stage
		if acc.ID == a["id"] {
			stage = acc.Stage
		}
	}
	owner := a["owned_by"].([]any)[0].(map[string]any)["display_id"].(string)
	creator := a["created_by"].(map[string]any)["id"].(string)
	domain, website, ref := strs(a["domains"])[0], strs(a["websites"])[0], strs(a["external_refs"])[0]
	middle := all[len(all)/2].(map[string]any)
	after, before := middle["created_date"].(string), middle["modified_date"].(string)
	early := all[len(all)/4].(map[string]any)["created_date"].(string)
	q := func(s any) string { return fmt.Sprintf("%q", s) }
	cases := []filterCase{
		{"display_name", `display_name = [` + q(a["display_name"]) + `]`, "display_name", `[` + q(a["display_name"]) + `]`,
			func(m map[string]any) bool { return m["display_name"] == a["display_name"] }},
		{"domains", `domains = [` + q(domain) + `]`, "domains", `[` + q(domain) + `]`,
			func(m map[string]any) bool { return has(m["domains"], domain) }},
		{"external_refs", `external_refs = [` + q(ref) + `]`, "external_refs", `[` + q(ref) + `]`,
			func(m map[string]any) bool { return has(m["external_refs"], ref) }},
		{"owned_by", `owned_by = [` + q(owner) + `]`, "owned_by", `[` + q(owner) + `]`,
			func(m map[string]any) bool { return has(m["owned_by"], owner) }},
		{"created_by", `created_by = [` + q(creator) + `]`, "created_by", `[` + q(creator) + `]`,
			func(m map[string]any) bool { return m["created_by"] != nil && has([]any{m["created_by"]}, creator) }},
		{"tier", `tier = [` + q(a["tier"]) + `]`, "tier", `[` + q(a["tier"]) + `]`,
			func(m map[string]any) bool { return m["tier"] == a["tier"] }},
		{"websites", `websites = [` + q(website) + `]`, "websites", `[` + q(website) + `]`,
			func(m map[string]any) bool { return has(m["websites"], website) }},
		{"stage", `stage = [` + q(stage) + `]`, "stage", `[` + q(stage) + `]`,
			func(m map[string]any) bool { return stageOf[m["id"].(string)] == stage }},
		{"subtype", `subtype = [` + q(a["subtype"]) + `]`, "subtype", `[` + q(a["subtype"]) + `]`,
			func(m map[string]any) bool { return m["subtype"] == a["subtype"] }},
		// A string field and a bool field, each sent with its type.
		{"custom_field_values", `custom_field_values = { tnt__region = ["EMEA"], tnt__strategic = [false] }`, "custom_fields",
			`{"tnt__region":["EMEA"],"tnt__strategic":[false]}`,
			func(m map[string]any) bool {
				cf, _ := m["custom_fields"].(map[string]any)
				return cf["tnt__region"] == "EMEA" && cf["tnt__strategic"] == false
			}},
		{"created_date", `created_date = { after = ` + q(after) + ` }`, "created_date", `{"after":` + q(after) + `}`,
			func(m map[string]any) bool { return !instant(m["created_date"]).Before(instant(after)) }},
		{"modified_date", `modified_date = { before = ` + q(before) + ` }`, "modified_date", `{"before":` + q(before) + `}`,
			func(m map[string]any) bool { return !instant(m["modified_date"]).After(instant(before)) }},
		{"created_between", `created_date = {
    after  = ` + q(early) + `
    before = ` + q(after) + `
  }`, "created_date", `{"after":` + q(early) + `,"before":` + q(after) + `}`,
			func(m map[string]any) bool {
				c := instant(m["created_date"])
				return !c.Before(instant(early)) && !c.After(instant(after))
			}},
	}
	runFilterCases(t, api, "devrev_accounts", "/accounts.list", "accounts", all, cases)
}

// devrev_account by display id and by object id, every attribute as
// served; the list sorted by name. (Paging: lists_paging_test.go.)
func TestAccAccounts_getAndSort(t *testing.T) {
	api := startAPI(t, accountOpts)
	all := served(t, accountOpts, "/accounts.list", "accounts")
	byName := slices.Clone(all)
	slices.SortStableFunc(byName, func(x, y any) int {
		return strings.Compare(x.(map[string]any)["display_name"].(string), y.(map[string]any)["display_name"].(string))
	})
	one, other := all[5].(map[string]any), all[17].(map[string]any)
	typ := accountObject.typ
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_accounts" "by_name" { sort_by = ["display_name:asc"] }
data "devrev_account" "display" { id = "` + one["display_id"].(string) + `" }
data "devrev_account" "don" { id = "` + other["id"].(string) + `" }
`,
			ConfigStateChecks: slices.Concat(
				expectItems("data.devrev_accounts.by_name", "accounts", byName, typ),
				expectObject("data.devrev_account.display", one, typ),
				expectObject("data.devrev_account.don", other, typ),
			),
		}},
	})
	for _, b := range specBodies(t, api.requestsTo("/accounts.list")) {
		if !slices.Equal(strs(b["sort_by"]), []string{"display_name:asc"}) {
			t.Errorf("sort_by sent as %v", b["sort_by"])
		}
	}
	if len(api.requestsTo("/accounts.get")) < 2 {
		t.Error("devrev_account sent no accounts.get")
	}
}

// Bad arguments fail at plan time, naming the attribute, before any request.
func TestAccAccounts_validationAndNotFound(t *testing.T) {
	api := startAPI(t, accountOpts)
	cases := []struct {
		typeName, config string
		want             []string
	}{
		{"devrev_accounts", `created_date = { after = "yesterday" }`, []string{"Invalid timestamp", "created_date.after", "RFC 3339"}},
		{"devrev_accounts", `modified_date = { before = "2024-13-01T00:00:00Z" }`, []string{"Invalid timestamp", "modified_date.before"}},
		{"devrev_accounts", `sort_by = ["display_name"]`, []string{"sort_by[0] must be a field name followed by :asc or :desc"}},
		{"devrev_accounts", `display_name = ["Acme Corp", null]`, []string{"Null element in display_name"}},
		{"devrev_accounts", `mode = "sideways"`, []string{"mode", "value must be one of"}},
		{"devrev_accounts", `page_size = 101`, []string{"page_size value must be between 1 and 100, got: 101"}},
		{"devrev_account", `id = ""`, []string{"id string length must be at least 1"}},
	}
	steps := make([]resource.TestStep, 0, len(cases)+1)
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      api.providerBlock() + fmt.Sprintf("data %q \"test\" {\n  %s\n}\n", c.typeName, c.config),
			ExpectError: errorLike(c.want...),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories(nil), Steps: steps})
	if n := len(api.Requests()); n != 0 {
		t.Errorf("validation errors must stop the plan before any request; the API saw %d", n)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config:      api.providerBlock() + `data "devrev_account" "test" { id = "ACC-999999" }`,
			ExpectError: errorLike("DevRev account not found", `No account has the id "ACC-999999"`),
		}},
	})
}
