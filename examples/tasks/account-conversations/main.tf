# An account's open conversations, found by the account's name, and where
# each stands against its SLA.

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
  description = "The account's display name (exact)."
  type        = string
  default     = "Acme Corp"
}

data "devrev_accounts" "account" {
  display_name = [var.account_name]
}

# An empty account set (no account of that name) matches nothing: the list
# is empty and DevRev is not asked.
data "devrev_conversations" "open" {
  account    = data.devrev_accounts.account.ids
  state      = ["open"]
  attributes = ["display_id", "title", "sla_summary", "owned_by_ids"]
}

output "conversations" {
  description = "Each open conversation by display id: its title, its SLA stage and when that breaches (null when no SLA applies), and its owners' names."
  value = {
    for c in data.devrev_conversations.open.conversations : c.display_id => {
      title      = c.title
      sla_stage  = try(c.sla_summary.stage, null)
      sla_target = try(c.sla_summary.target_time, null)
      owners     = [for id in coalesce(c.owned_by_ids, []) : data.devrev_conversations.open.users[id].display_name]
    }
  }
}

output "by_sla_stage" {
  description = "How many open conversations are in each SLA stage (\"none\" when no SLA applies)."
  value = {
    for stage, ids in {
      for c in data.devrev_conversations.open.conversations : coalesce(try(c.sla_summary.stage, null), "none") => c.display_id...
    } : stage => length(ids)
  }
}
