# for_each over an account lookup: one resource instance per account, keyed
# by display id (known at plan time, unlike an object created in the same
# apply), each with the account's name and engagement count.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "tiers" {
  description = "The account tiers to include; null for every account."
  type        = list(string)
  default     = null
}

data "devrev_accounts" "selected" {
  tier = var.tiers
}

locals {
  accounts = { for a in data.devrev_accounts.selected.accounts : a.display_id => a }
}

# One engagements.count request per account.
data "devrev_engagements_count" "per_account" {
  for_each = local.accounts
  parent   = [each.value.id]
}

# terraform_data is built in (Terraform 1.4+, OpenTofu): a stand-in for any
# resource you would create per account.
resource "terraform_data" "account" {
  for_each = local.accounts
  input = {
    name        = each.value.display_name
    engagements = data.devrev_engagements_count.per_account[each.key].total
  }
}

output "accounts" {
  description = "Per account display id, its name and how many engagements it has."
  value       = { for k, r in terraform_data.account : k => r.output }
}
