package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

var devUserOpts = localapi.Options{Seed: 8, Counts: map[string]int{"engagements": 40, "accounts": 6, "dev-users": 130}}

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

// devrev_dev_user by display id and by object id, every attribute as
// served; validation and not found. (Paging: lists_paging_test.go.)
func TestAccDevUsers_getAndErrors(t *testing.T) {
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
data "devrev_dev_user" "display" { id = "` + one["display_id"].(string) + `" }
data "devrev_dev_user" "don" { id = "` + other["id"].(string) + `" }
`,
				ConfigStateChecks: slices.Concat(
					expectItems("data.devrev_dev_users.all", "dev_users", all, typ),
					expectObject("data.devrev_dev_user.display", one, typ),
					expectObject("data.devrev_dev_user.don", other, typ),
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
}
