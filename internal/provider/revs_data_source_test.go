package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// From an account's name to its Rev organizations and their users, as a
// configuration would chain them: the account by name, its rev orgs by
// account, their users by rev_org, every attribute as the local API served
// it (the expected items are computed from its data). Then a rev org and
// a rev user by display id (any case) and by DON id, and the not-found
// errors naming the id.
func TestAccRevs_accountChainGetAndNotFound(t *testing.T) {
	api := startAPI(t, revOpts)
	orgs := served(t, revOpts, "/rev-orgs.list", "rev_orgs")
	users := served(t, revOpts, "/rev-users.list", "rev_users")
	var acme string
	for _, a := range localapi.Items[localapi.Account](api.Server, "accounts") {
		if a.DisplayName == "Acme Corp" {
			acme = a.ID
		}
	}
	if acme == "" {
		t.Fatal("the local API has no account named Acme Corp")
	}
	sub := func(m map[string]any, k string) map[string]any {
		o, _ := m[k].(map[string]any)
		return o
	}
	acmeOrgs := pick(orgs, func(m map[string]any) bool { return sub(m, "account")["id"] == acme })
	var acmeOrgIDs []any
	for _, o := range acmeOrgs {
		acmeOrgIDs = append(acmeOrgIDs, o.(map[string]any)["id"])
	}
	acmeUsers := pick(users, func(m map[string]any) bool {
		return sub(m, "rev_org") != nil && slices.Contains(acmeOrgIDs, sub(m, "rev_org")["id"])
	})
	if len(acmeOrgs) < 2 || len(acmeUsers) < 2 || len(acmeUsers) == len(users) {
		t.Fatalf("Acme Corp has %d rev orgs and %d of %d rev users: the chain proves little", len(acmeOrgs), len(acmeUsers), len(users))
	}
	// A workspace by display id, in lower case; another rev org by DON id.
	workspace := pick(orgs, func(m map[string]any) bool { return strings.Contains(m["display_id"].(string), "W") })[0].(map[string]any)
	other := orgs[17].(map[string]any)
	user, other2 := users[4].(map[string]any), users[90].(map[string]any)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config: api.providerBlock() + `
data "devrev_accounts" "acme" { display_name = ["Acme Corp"] }
data "devrev_rev_orgs" "acme" { account = data.devrev_accounts.acme.ids }
data "devrev_rev_users" "acme" { rev_org = data.devrev_rev_orgs.acme.ids }
data "devrev_rev_org" "display" { id = "` + strings.ToLower(workspace["display_id"].(string)) + `" }
data "devrev_rev_org" "don" { id = "` + other["id"].(string) + `" }
data "devrev_rev_user" "display" { id = "` + user["display_id"].(string) + `" }
data "devrev_rev_user" "don" { id = "` + other2["id"].(string) + `" }
`,
				ConfigStateChecks: slices.Concat(
					expectItems("data.devrev_rev_orgs.acme", "rev_orgs", acmeOrgs, revOrgObject.typ),
					expectItems("data.devrev_rev_users.acme", "rev_users", acmeUsers, revUserObject.typ),
					expectObject("data.devrev_rev_org.display", workspace, revOrgObject.typ),
					expectObject("data.devrev_rev_org.don", other, revOrgObject.typ),
					expectObject("data.devrev_rev_user.display", user, revUserObject.typ),
					expectObject("data.devrev_rev_user.don", other2, revUserObject.typ),
				),
			},
			{
				Config:      api.providerBlock() + `data "devrev_rev_users" "x" { created_date = { after = "last week" } }`,
				PlanOnly:    true,
				ExpectError: errorLike("Invalid timestamp", "created_date.after", "RFC 3339"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_rev_org" "x" { id = "REV-nope42" }`,
				ExpectError: errorLike("DevRev rev org not found", `No rev org has the id "REV-nope42"`),
			},
			{
				Config:      api.providerBlock() + `data "devrev_rev_user" "x" { id = "REVU-424242" }`,
				ExpectError: errorLike("DevRev rev user not found", `No rev user has the id "REVU-424242"`),
			},
		},
	})
	// The chain's filters reached DevRev as the spec names them, with the
	// ids the previous data source read.
	var sawAccount, sawRevOrg bool
	for _, b := range specBodies(t, api.requestsTo("/rev-orgs.list")) {
		sawAccount = sawAccount || slices.Equal(strs(b["account"]), []string{acme})
	}
	for _, b := range specBodies(t, api.requestsTo("/rev-users.list")) {
		want := make([]string, len(acmeOrgIDs))
		for i, id := range acmeOrgIDs {
			want[i] = id.(string)
		}
		slices.Sort(want)
		sawRevOrg = sawRevOrg || slices.Equal(strs(b["rev_org"]), want)
	}
	if !sawAccount || !sawRevOrg {
		t.Errorf("rev-orgs.list carried account %v, rev-users.list carried rev_org %v", sawAccount, sawRevOrg)
	}
}
