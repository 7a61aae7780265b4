# The README's quickstart: an account by name, its five most recent
# engagements, and the names of the people in each.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "account_name" {
  type    = string
  default = "Acme Corp"
}

data "devrev_accounts" "customer" {
  display_name = [var.account_name]
}

data "devrev_engagements" "recent" {
  parent  = data.devrev_accounts.customer.ids
  sort_by = ["created_date:desc"]
  limit   = 5
}

output "recent_engagements" {
  value = [for e in data.devrev_engagements.recent.engagements :
  "${coalesce(e.title, e.display_id)}: ${join(", ", [for id in coalesce(e.member_ids, []) : data.devrev_engagements.recent.users[id].display_name])}"]
}
