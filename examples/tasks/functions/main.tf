# The provider's two functions on ids a data source read: parse_id splits a
# DevRev object id (DON), display_id_type names the type of a display id
# such as ENGM-12. Both name types alike. Provider functions need
# Terraform 1.8+ or OpenTofu 1.7+.

terraform {
  required_version = ">= 1.8.0"
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

data "devrev_engagements" "latest" {
  sort_by = ["created_date:desc"]
  limit   = 3
}

data "devrev_works" "latest" {
  sort_by = ["created_date:desc"]
  limit   = 3
}

locals {
  objects = concat(
    [for e in data.devrev_engagements.latest.engagements : { id = e.id, display_id = e.display_id }],
    [for w in data.devrev_works.latest.works : { id = w.id, display_id = w.display_id }],
  )
}

output "objects" {
  description = "Per display id, the type and number parse_id reads from the object id, and the type display_id_type reads from the display id."
  value = {
    for o in local.objects : o.display_id => {
      type            = provider::devrev::parse_id(o.id).type
      number          = provider::devrev::parse_id(o.id).number
      display_id_type = provider::devrev::display_id_type(o.display_id)
    }
  }
}
