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
  member_ids = flatten([for g in data.devrev_group_members.members : [for m in g.members : m.member_id]])
}

# DevRev has no date filter on engagements: the provider reads them sorted
# by date and stops at the first page past the cutoff, so the read costs
# the pages of the last 90 days, not every engagement.
data "devrev_engagements" "recent" {
  members      = local.member_ids
  created_date = { after = timeadd(plantimestamp(), "-2160h") }
  sort_by      = ["created_date:desc"]
}

locals {
  # A member is a user (users has its summary) or, in some groups, a group.
  member_names = [for g in data.devrev_group_members.members : [
    for id in local.member_ids : try(g.users[id].display_name, g.groups[id].name, id)
  ]]
}

output "members" {
  description = "The group's members, by name."
  value       = sort(flatten(local.member_names))
}

output "engagements" {
  description = "Each engagement of the last 90 days: date, type, title."
  value = [for e in data.devrev_engagements.recent.engagements :
  "${substr(e.created_date, 0, 10)} ${e.engagement_type}: ${e.title}"]
}
