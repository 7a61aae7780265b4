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

variable "account_name" {
  description = "Name of the account whose most recent meetings are listed (exact)."
  type        = string
  default     = "Acme Corp"
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

# The account, looked up by name.
data "devrev_accounts" "account" {
  display_name = [var.account_name]
}

# Its five most recent meetings and calls. If no account has that name, ids
# is empty, and an empty parent set matches nothing: the list is empty (and
# no request is sent) rather than every engagement of the organization.
data "devrev_engagements" "recent" {
  type    = ["meeting", "call"]
  parent  = data.devrev_accounts.account.ids
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

locals {
  engagements = data.devrev_engagements.all.engagements
  # One entry per engagement and member: who took part in what.
  # member_ids are user ids; users holds each user's summary once.
  users = data.devrev_engagements.all.users
  # parent_id is the parent's (account or opportunity) id; parents holds the summaries.
  parents = data.devrev_engagements.all.parents
  participations = [
    for id in flatten([for e in local.engagements : e.member_ids if e.member_ids != null]) :
    coalesce(local.users[id].display_name, local.users[id].display_id, id)
  ]
}

output "account" {
  description = "The account var.account_name names, as devrev_accounts found it."
  value = [
    for a in data.devrev_accounts.account.accounts :
    { id = a.display_id, name = a.display_name, tier = a.tier, domains = a.domains }
  ]
}

output "per_account" {
  description = "Engagements per parent account, counted from the list itself."
  value = {
    for name, ids in {
      for e in local.engagements :
      (e.parent_id == null ? "(no parent)" : coalesce(local.parents[e.parent_id].display_name, local.parents[e.parent_id].display_id, e.parent_id)) => e.id...
    } : name => length(ids)
  }
}

output "per_member" {
  description = "Engagements per member, counted from the list itself."
  value       = { for who, seen in { for p in local.participations : p => p... } : who => length(seen) }
}

output "recent_meetings_and_calls" {
  description = "The most recent meetings and calls of var.account_name."
  value = [
    for e in data.devrev_engagements.recent.engagements :
    format("%-24s  %-8s  %-9s  %s", e.created_date, e.display_id, e.engagement_type, e.title)
  ]
}

output "latest" {
  description = "The latest of them, from devrev_engagement."
  value = length(data.devrev_engagement.latest) == 0 ? null : {
    display_id = data.devrev_engagement.latest[0].display_id
    created_by = data.devrev_engagement.latest[0].users[data.devrev_engagement.latest[0].created_by_id].display_name
    scheduled  = data.devrev_engagement.latest[0].scheduled_date
  }
}

# The account's open tickets, by severity: one works.count request each,
# and the tickets themselves for the most severe. An empty ids (no account
# of that name) makes each an empty set, which matches nothing.
locals {
  severities = ["blocker", "high", "medium", "low"]
}

data "devrev_works_count" "open_tickets" {
  for_each        = toset(local.severities)
  type            = ["ticket"]
  state           = ["open"]
  ticket_account  = data.devrev_accounts.account.ids
  ticket_severity = [each.key]
}

data "devrev_works" "open_blockers" {
  type            = ["ticket"]
  state           = ["open"]
  ticket_account  = data.devrev_accounts.account.ids
  ticket_severity = ["blocker"]
  sort_by         = ["created_date:asc"]
}

output "open_tickets_by_severity" {
  description = "Open tickets of var.account_name per severity, counted by works.count."
  value       = { for s in local.severities : s => data.devrev_works_count.open_tickets[s].total }
}

output "open_blockers" {
  description = "The open blocker tickets of var.account_name, oldest first."
  value = [
    for w in data.devrev_works.open_blockers.works :
    format("%-8s  %-17s  %s", w.display_id, w.stage.name, w.title)
  ]
}
