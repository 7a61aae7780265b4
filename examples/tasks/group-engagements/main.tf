# A group's engagements of the last 90 days: the group by name, its members,
# then the engagements any of them took part in.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "group_name" {
  description = "The group's name (exact)."
  type        = string
  default     = "Support L1"
}

data "devrev_groups" "group" {
  name = [var.group_name]
}

# group takes one group id; with no group of that name the read is skipped.
data "devrev_group_members" "members" {
  count = length(data.devrev_groups.group.ids) > 0 ? 1 : 0
  group = data.devrev_groups.group.ids[0]
}

locals {
  member_ids = length(data.devrev_group_members.members) > 0 ? [for m in data.devrev_group_members.members[0].members : m.member_id] : []
}

# DevRev has no date filter on engagements: the provider reads them newest
# first and stops at the cutoff.
data "devrev_engagements" "recent" {
  members      = local.member_ids
  created_date = { after = timeadd(plantimestamp(), "-2160h") }
  sort_by      = ["created_date:desc"]
}

output "members" {
  description = "The group's members, by name."
  value       = length(data.devrev_group_members.members) > 0 ? sort([for id in local.member_ids : data.devrev_group_members.members[0].users[id].display_name]) : []
}

output "engagements" {
  description = "Each engagement of the last 90 days: date, type, title."
  value = [for e in data.devrev_engagements.recent.engagements :
  "${substr(e.created_date, 0, 10)} ${e.engagement_type}: ${e.title}"]
}
