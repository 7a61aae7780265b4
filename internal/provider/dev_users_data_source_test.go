package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

var devUserOpts = localapi.Options{Count: 40, AccountCount: 6, DevUserCount: 130, Seed: 8}

// Both filters of devrev_dev_users reach the request under the spec's
// names and select exactly the users they should.
func TestAccDevUsers_everyFilter(t *testing.T) {
	api := startAPI(t, devUserOpts)
	all := served(t, devUserOpts, "/dev-users.list", "dev_users")
	u := all[9].(map[string]any)
	email := u["email"].(string)
	state := u["state"].(string)
	runFilterCases(t, api, "devrev_dev_users", "/dev-users.list", "dev_users", all, []filterCase{
		{"email", `email = ["` + email + `"]`, "email", `["` + email + `"]`,
			func(m map[string]any) bool { return strings.EqualFold(fmt.Sprint(m["email"]), email) }},
		{"state", `state = ["` + state + `"]`, "state", `["` + state + `"]`,
			func(m map[string]any) bool { return m["state"] == state }},
		{"email_upper", `email = ["` + strings.ToUpper(email) + `", "nobody@example.invalid"]`, "email",
			`["` + strings.ToUpper(email) + `","nobody@example.invalid"]`,
			func(m map[string]any) bool { return strings.EqualFold(fmt.Sprint(m["email"]), email) }},
	})
}

// Every attribute as served, in the list and from devrev_dev_user; both
// modes, cursors and limits; validation and not found.
func TestAccDevUsers_attributesPagingGetAndErrors(t *testing.T) {
	api := startAPI(t, devUserOpts)
	all := served(t, devUserOpts, "/dev-users.list", "dev_users")
	one, other := all[3].(map[string]any), all[100].(map[string]any)
	typ := devUserObject.typ
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config: api.providerBlock() + `
data "devrev_dev_users" "all" {}
data "devrev_dev_users" "first" {
  limit     = 70
  page_size = 30
}
data "devrev_dev_users" "rest" { cursor = data.devrev_dev_users.first.next_cursor }
data "devrev_dev_users" "back" {
  mode   = "before"
  cursor = data.devrev_dev_users.rest.prev_cursor
  limit  = 20
}
data "devrev_dev_user" "display" { id = "` + one["display_id"].(string) + `" }
data "devrev_dev_user" "don" { id = "` + other["id"].(string) + `" }
`,
				ConfigStateChecks: slices.Concat(
					expectItems("data.devrev_dev_users.all", "dev_users", all, typ),
					expectItems("data.devrev_dev_users.first", "dev_users", all[:70], typ),
					expectItems("data.devrev_dev_users.rest", "dev_users", all[70:], typ),
					expectItems("data.devrev_dev_users.back", "dev_users", all[50:70], typ),
					expectObject("data.devrev_dev_user.display", one, typ),
					expectObject("data.devrev_dev_user.don", other, typ),
					[]statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.devrev_dev_users.rest", tfjsonpath.New("next_cursor"), knownvalue.Null()),
					},
				),
			},
			{
				Config:      api.providerBlock() + `data "devrev_dev_users" "test" { state = ["active", "sleeping"] }`,
				ExpectError: errorLike("state", "value must be one of", "sleeping"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_dev_users" "test" { sort_by = ["email:up"] }`,
				ExpectError: errorLike("sort_by[0] must be a field name followed by :asc or :desc"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_dev_users" "test" { email = [null] }`,
				ExpectError: errorLike("Null element in email"),
			},
			{
				Config:      api.providerBlock() + `data "devrev_dev_user" "test" { id = "DEVU-424242" }`,
				ExpectError: errorLike("DevRev dev user not found", `No dev user has the id "DEVU-424242"`),
			},
		},
	})
	var limits []int
	for _, b := range specBodies(t, api.requestsTo("/dev-users.list")) {
		if l, _ := b["limit"].(float64); b["mode"] == nil && (l == 30 || l == 10) {
			limits = append(limits, int(l))
		}
	}
	if !repeats(limits, []int{30, 30, 10}) {
		t.Errorf("limit 70 in pages of 30: limits %v, want [30 30 10]", limits)
	}
}
