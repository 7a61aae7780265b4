package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

var lookupOpts = localapi.Options{Seed: 13, Counts: map[string]int{"engagements": 400, "accounts": 12, "dev-users": 10}}

// refersTo reports whether a served engagement's parent or members (a
// summary object or a bare id) name the object with these ids.
func refersTo(ref any, ids ...string) bool {
	var refs []any
	switch r := ref.(type) {
	case []any:
		refs = r
	case nil:
	default:
		refs = []any{r}
	}
	for _, r := range refs {
		for _, s := range strs([]any{r}) {
			if slices.ContainsFunc(ids, func(id string) bool { return strings.EqualFold(id, s) }) {
				return true
			}
		}
	}
	return false
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// From names to engagements: an account looked up by name feeds parent, a
// dev user looked up by email feeds members, and each engagement says who
// and where (parent and members, every attribute as served).
func TestAccLookups_namesToEngagements(t *testing.T) {
	api := startAPI(t, lookupOpts)
	engagements := served(t, lookupOpts, "/engagements.list", "engagements")
	accounts := served(t, lookupOpts, "/accounts.list", "accounts")
	users := served(t, lookupOpts, "/dev-users.list", "dev_users")
	acme := pick(accounts, func(m map[string]any) bool { return m["display_name"] == "Acme Corp" })
	if len(acme) != 1 {
		t.Fatalf("want one Acme Corp, got %d", len(acme))
	}
	acct := acme[0].(map[string]any)
	user := users[1].(map[string]any)
	// An engagement may have more parents than the one its response
	// shows; the local API's model knows them all.
	withParent, withMember := map[string]bool{}, map[string]bool{}
	for _, e := range localapi.Items[localapi.Engagement](api.Server, "engagements") {
		withParent[e.ID] = refersTo(anys(e.Parents), acct["id"].(string), acct["display_id"].(string))
		withMember[e.ID] = refersTo(anys(e.Members), user["id"].(string), user["display_id"].(string))
	}
	ofAcme := pick(engagements, func(m map[string]any) bool { return withParent[m["id"].(string)] })
	ofUser := pick(engagements, func(m map[string]any) bool { return withMember[m["id"].(string)] })
	if len(ofAcme) == 0 || len(ofUser) == 0 || len(ofAcme) == len(engagements) {
		t.Fatalf("seed gives %d engagements of Acme, %d of the user, of %d", len(ofAcme), len(ofUser), len(engagements))
	}
	typ := engagementObject.typ
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_accounts" "acme" { display_name = ["Acme Corp"] }
data "devrev_dev_users" "user" { email = ["` + user["email"].(string) + `"] }
data "devrev_engagements" "acme" { parent = data.devrev_accounts.acme.ids }
data "devrev_engagements" "user" { members = data.devrev_dev_users.user.ids }
data "devrev_engagements_count" "acme" { parent = data.devrev_accounts.acme.ids }
data "devrev_engagement" "one" { id = data.devrev_engagements.user.engagements[0].display_id }
`,
			ConfigStateChecks: slices.Concat(
				expectObject("data.devrev_engagement.one", ofUser[0].(map[string]any), typ),
				expectItems("data.devrev_engagements.acme", "engagements", ofAcme, typ),
				expectItems("data.devrev_engagements.user", "engagements", ofUser, typ),
				[]statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.devrev_engagements_count.acme", tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(ofAcme)))),
					statecheck.ExpectKnownValue("data.devrev_engagements.acme", tfjsonpath.New("parents").AtMapKey(acct["id"].(string)).AtMapKey("display_name"),
						knownvalue.StringExact("Acme Corp")),
				},
			),
		}},
	})
	for _, b := range specBodies(t, api.requestsTo("/engagements.list")) {
		if b["parent"] == nil && b["members"] == nil {
			t.Errorf("an engagements read without the looked-up ids: %v", b)
		}
		if p := strs(b["parent"]); b["parent"] != nil && !slices.Equal(p, []string{acct["id"].(string)}) {
			t.Errorf("parent sent as %v, want the account's id %s", p, acct["id"])
		}
	}
}

// Engagements whose parent and members DevRev sends as bare id strings (as
// one SDK models them) read as their ids, with summaries of only id set in
// `parents` and `users`.
func TestAccEngagements_bareReferences(t *testing.T) {
	opts := lookupOpts
	opts.Counts = map[string]int{"engagements": 120, "accounts": 12, "dev-users": 10}
	opts.BareReferences = true
	api := startAPI(t, opts)
	engagements := served(t, opts, "/engagements.list", "engagements")
	first := engagements[0].(map[string]any)
	if _, bare := first["parent"].(string); !bare {
		t.Fatalf("the local API did not send a bare parent: %v", first["parent"])
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_engagements" "test" {}
data "devrev_engagement" "one" { id = "` + first["display_id"].(string) + `" }
`,
			ConfigStateChecks: slices.Concat(
				expectItems(dsAddr, "engagements", engagements, engagementObject.typ),
				expectObject("data.devrev_engagement.one", first, engagementObject.typ),
				[]statecheck.StateCheck{
					statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("engagements").AtSliceIndex(0).AtMapKey("parent_id"),
						knownvalue.StringExact(first["parent"].(string))),
					statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("parents").AtMapKey(first["parent"].(string)),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact(first["parent"].(string)), "display_id": knownvalue.Null(),
							"display_name": knownvalue.Null(), "type": knownvalue.Null(),
						})),
				},
			),
		}},
	})
}

// The empty-set rule through lookups: an account name and an email that
// match nothing give empty ids; chained into devrev_engagements and
// devrev_engagements_count, they give empty results and a count of 0, and
// no engagements request is sent at all.
func TestAccLookups_nothingFoundReadsNothing(t *testing.T) {
	api := startAPI(t, lookupOpts)
	var checks []statecheck.StateCheck
	for _, name := range []string{"by_parent", "by_member"} {
		checks = append(checks, expectEmpty("data.devrev_engagements."+name, "engagements")...)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_accounts" "none" { display_name = ["No Such Company"] }
data "devrev_dev_users" "none" { email = ["nobody@example.invalid"] }
data "devrev_engagements" "by_parent" {
  parent = data.devrev_accounts.none.ids
  type   = ["meeting"]
}
data "devrev_engagements" "by_member" { members = data.devrev_dev_users.none.ids }
data "devrev_engagements_count" "by_parent" { parent = data.devrev_accounts.none.ids }
data "devrev_engagements_count" "by_member" { members = data.devrev_dev_users.none.ids }
`,
			ConfigStateChecks: append(checks,
				statecheck.ExpectKnownValue("data.devrev_accounts.none", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.devrev_engagements_count.by_parent", tfjsonpath.New("total"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.devrev_engagements_count.by_member", tfjsonpath.New("total"), knownvalue.Int64Exact(0)),
			),
		}},
	})
	if len(api.requestsTo("/accounts.list")) == 0 || len(api.requestsTo("/dev-users.list")) == 0 {
		t.Error("the lookups sent no request")
	}
	for _, r := range api.Requests() {
		if strings.HasPrefix(r.Path, "/engagements.") {
			t.Errorf("an empty lookup sent %s %s", r.Path, r.Body)
		}
	}
}
