# A small engagement report: what `make demo` applies against the local
# DevRev API. Point DEVREV_ENDPOINT and DEVREV_TOKEN at a real tenant to run
# it against your own data.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# token and endpoint come from DEVREV_TOKEN and DEVREV_ENDPOINT.
provider "devrev" {}

variable "account" {
  description = "Account whose most recent meetings are listed."
  type        = string
  default     = "ACC-1"
}

locals {
  types = ["call", "conversation", "custom", "default", "email", "linked_in", "meeting", "offline", "survey"]
}

# Every engagement, read page by page.
data "devrev_engagements" "all" {}

# One engagements.count request per type: cheap numbers for a report.
data "devrev_engagements_count" "by_type" {
  for_each = toset(local.types)
  type     = [each.key]
}

# The five most recent meetings and calls of one account.
data "devrev_engagements" "recent" {
  type    = ["meeting", "call"]
  parent  = [var.account]
  sort_by = ["created_date:desc"]
  limit   = 5
}

# The latest of them, read on its own by display id.
data "devrev_engagement" "latest" {
  count = length(data.devrev_engagements.recent.engagements) > 0 ? 1 : 0
  id    = data.devrev_engagements.recent.engagements[0].display_id
}

output "engagements_read" {
  description = "How many engagements the list read."
  value       = length(data.devrev_engagements.all.ids)
}

output "per_type" {
  description = "Engagements per type: counted from the list, and by engagements.count."
  value = {
    for t in local.types : t => {
      listed  = length([for e in data.devrev_engagements.all.engagements : e if e.engagement_type == t])
      counted = data.devrev_engagements_count.by_type[t].total
    }
  }
}

output "recent_meetings_and_calls" {
  description = "The most recent meetings and calls of var.account."
  value = [
    for e in data.devrev_engagements.recent.engagements :
    format("%s  %-8s  %-9s  %s", e.created_date, e.display_id, e.engagement_type, e.title)
  ]
}

output "latest" {
  description = "The latest of them, from devrev_engagement."
  value = length(data.devrev_engagement.latest) == 0 ? null : {
    display_id = data.devrev_engagement.latest[0].display_id
    created_by = data.devrev_engagement.latest[0].created_by.display_name
    scheduled  = data.devrev_engagement.latest[0].scheduled_date
  }
}
