package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/seed-19167fad/terraform-provider-devrev/internal/localapi"
)

// Provider functions need Terraform 1.8+ or OpenTofu 1.7+ (OpenTofu reports
// its own version, so 1.12.6 passes the check); on older CLIs these tests
// skip, and every other acceptance test shows the provider still works there.
var functionCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}

func TestAccFunction_parseID(t *testing.T) {
	seg := func(typ, number string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"type": knownvalue.StringExact(typ), "number": knownvalue.StringExact(number),
		})
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				// No provider block: the functions need no configuration.
				Config: `
output "engagement" { value = provider::devrev::parse_id("don:core:dvrv-us-1:devo/0:engagement/123") }
output "comment" { value = provider::devrev::parse_id("don:core:dvrv-us-1:devo/abc123:ticket/123:comment/7") }
output "user_number" { value = provider::devrev::parse_id("don:identity:dvrv-us-1:devo/0:devu/12").number }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("engagement", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"service":   knownvalue.StringExact("core"),
						"partition": knownvalue.StringExact("dvrv-us-1"),
						"dev_org":   knownvalue.StringExact("0"),
						"type":      knownvalue.StringExact("engagement"),
						"don_type":  knownvalue.StringExact("engagement"),
						"number":    knownvalue.StringExact("123"),
						"parents":   knownvalue.ListExact([]knownvalue.Check{}),
					})),
					statecheck.ExpectKnownOutputValue("comment", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"service":   knownvalue.StringExact("core"),
						"partition": knownvalue.StringExact("dvrv-us-1"),
						"dev_org":   knownvalue.StringExact("abc123"),
						"type":      knownvalue.StringExact("comment"),
						"don_type":  knownvalue.StringExact("comment"),
						"number":    knownvalue.StringExact("7"),
						"parents":   knownvalue.ListExact([]knownvalue.Check{seg("ticket", "123")}),
					})),
					statecheck.ExpectKnownOutputValue("user_number", knownvalue.StringExact("12")),
				},
			},
			{
				Config:      `output "x" { value = provider::devrev::parse_id("") }`,
				ExpectError: errorLike(`Invalid value for "id" parameter: the id is empty`, "don:core:dvrv-us-1:devo/0:ticket/12"),
			},
			{
				Config:      `output "x" { value = provider::devrev::parse_id("TKT-12") }`,
				ExpectError: errorLike(`Invalid value for "id" parameter: "TKT-12" is not a valid DevRev id (DON): it is a display id, not a DON`),
			},
			{
				Config:      `output "x" { value = provider::devrev::parse_id("don:core:dvrv-us-1:ticket/12") }`,
				ExpectError: errorLike(`fourth part "ticket/12" is not devo/<dev org>`),
			},
		},
	})
}

// The functions take what the data sources read: a dev user's DON and
// display id, with the provider configured as usual.
func TestAccFunction_onDataSourceIDs(t *testing.T) {
	api := startAPI(t, devUserOpts)
	u := served(t, devUserOpts, "/dev-users.list", "dev_users")[5].(map[string]any)
	display := u["display_id"].(string)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_dev_user" "u" { id = "` + display + `" }
output "type" { value = provider::devrev::parse_id(data.devrev_dev_user.u.id).type }
output "don_type" { value = provider::devrev::parse_id(data.devrev_dev_user.u.id).don_type }
output "number" { value = provider::devrev::parse_id(data.devrev_dev_user.u.id).number }
output "display_type" { value = provider::devrev::display_id_type(data.devrev_dev_user.u.display_id) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("type", knownvalue.StringExact("dev_user")),
				statecheck.ExpectKnownOutputValue("don_type", knownvalue.StringExact("devu")),
				statecheck.ExpectKnownOutputValue("number", knownvalue.StringExact(strings.TrimPrefix(display, "DEVU-"))),
				statecheck.ExpectKnownOutputValue("display_type", knownvalue.StringExact("dev_user")),
			},
		}},
	})
}

func TestAccFunction_displayIDType(t *testing.T) {
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{
			{
				Config: `
output "ticket" { value = provider::devrev::display_id_type("TKT-12") }
output "engagement" { value = provider::devrev::display_id_type("ENGM-123") }
output "rev_org" { value = provider::devrev::display_id_type("REV-AbCdEfGh") }
output "unknown_prefix_can" { value = can(provider::devrev::display_id_type("XYZ-1")) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("ticket", knownvalue.StringExact("ticket")),
					statecheck.ExpectKnownOutputValue("engagement", knownvalue.StringExact("engagement")),
					statecheck.ExpectKnownOutputValue("rev_org", knownvalue.StringExact("rev_org")),
					statecheck.ExpectKnownOutputValue("unknown_prefix_can", knownvalue.Bool(false)),
				},
			},
			{
				Config:      `output "x" { value = provider::devrev::display_id_type("") }`,
				ExpectError: errorLike(`Invalid value for "display_id" parameter: the display id is empty`, "such as TKT-12"),
			},
			{
				Config:      `output "x" { value = provider::devrev::display_id_type("tkt-12") }`,
				ExpectError: errorLike(`Invalid value for "display_id" parameter: "tkt-12" is not a DevRev display id`, "such as TKT-12"),
			},
			{
				Config:      `output "x" { value = provider::devrev::display_id_type("TKT-abc") }`,
				ExpectError: errorLike(`"TKT-abc" is not a DevRev display id: after TKT- comes the ticket's number`, `"abc" is not a number`),
			},
			{
				Config:      `output "x" { value = provider::devrev::display_id_type("XYZ-1") }`,
				ExpectError: errorLike(`"XYZ-1" has the prefix XYZ`, "it knows ACC,"),
			},
		},
	})
}

// display_id_type takes the display ids of the groups, meetings and tasks
// the data sources return, and names each type as parse_id names it.
func TestAccFunction_typesOfWhatTheDataSourcesRead(t *testing.T) {
	api := startAPI(t, localapi.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: factories(nil),
		Steps: []resource.TestStep{{
			Config: api.providerBlock() + `
data "devrev_groups" "all" {}
data "devrev_meetings" "all" {}
data "devrev_works" "tasks" { type = ["task"] }
locals {
  objects = concat(
    [for g in data.devrev_groups.all.groups : { id = g.id, display_id = g.display_id }],
    [for m in data.devrev_meetings.all.meetings : { id = m.id, display_id = m.display_id }],
    [for w in data.devrev_works.tasks.works : { id = w.id, display_id = w.display_id }],
  )
}
output "group" { value = provider::devrev::display_id_type(data.devrev_groups.all.groups[0].display_id) }
output "meeting" { value = provider::devrev::display_id_type(data.devrev_meetings.all.meetings[0].display_id) }
output "task" { value = provider::devrev::display_id_type(data.devrev_works.tasks.works[0].display_id) }
output "disagree" {
  value = [for o in local.objects : o.display_id
    if provider::devrev::parse_id(o.id).type != provider::devrev::display_id_type(o.display_id)]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("group", knownvalue.StringExact("group")),
				statecheck.ExpectKnownOutputValue("meeting", knownvalue.StringExact("meeting")),
				statecheck.ExpectKnownOutputValue("task", knownvalue.StringExact("task")),
				statecheck.ExpectKnownOutputValue("disagree", knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}
