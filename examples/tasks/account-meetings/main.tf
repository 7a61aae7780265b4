# An account's recent meetings, found by the account's name, with the names
# of the people who took part.

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

variable "days" {
  description = "How many days back to look."
  type        = number
  default     = 90
}

data "devrev_accounts" "account" {
  display_name = [var.account_name]
}

# An empty parent set (no account of that name) matches nothing: the list is
# empty and DevRev is not asked.
data "devrev_meetings" "recent" {
  parent       = data.devrev_accounts.account.ids
  created_date = { after = timeadd(plantimestamp(), "-${var.days * 24}h") }
  sort_by      = ["created_date:desc"]
  limit        = 10
}

output "meetings" {
  description = "Each meeting: its title, when it was scheduled, and who took part (member_ids are ids; users has their names)."
  value = [for m in data.devrev_meetings.recent.meetings : {
    title        = m.title
    scheduled    = m.scheduled_date
    participants = [for id in coalesce(m.member_ids, []) : data.devrev_meetings.recent.users[id].display_name]
  }]
}
