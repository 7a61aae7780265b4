# A one-screen report on one customer account and the last 90 days: what
# `make demo` applies against the local DevRev API, then prints with
# `output -raw summary`. Point DEVREV_ENDPOINT and DEVREV_TOKEN at a real
# tenant, and set account_name and group_name, to run it on your own data.

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
  description = "Name of the account to report on (exact)."
  type        = string
  default     = "Acme Corp"
}

variable "group_name" {
  description = "Name of the group whose members are listed (exact)."
  type        = string
  default     = "Support L1"
}

variable "days" {
  description = "How many days back the per-type counts go."
  type        = number
  default     = 90
}

locals {
  types = ["call", "conversation", "custom", "default", "email", "linked_in", "meeting", "offline", "survey"]
  # plantimestamp() is known at plan time, so the reads below happen then.
  since = timeadd(plantimestamp(), "-${var.days * 24}h")
}

# The account, looked up by name.
data "devrev_accounts" "account" {
  display_name = [var.account_name]
}

# Its five most recent engagements. If no account has that name, ids is
# empty, and an empty parent set matches nothing: the list is empty (and no
# request is sent) rather than every engagement of the organization.
data "devrev_engagements" "recent" {
  parent  = data.devrev_accounts.account.ids
  sort_by = ["created_date:desc"]
  limit   = 5
}

# Every engagement created in the last var.days days. DevRev has no date
# filter on engagements; the provider reads them newest first and stops at
# the first page past the cutoff. Only their type (and ids) are kept in the
# state: attributes selects what each item holds.
data "devrev_engagements" "since" {
  created_date = { after = local.since }
  attributes   = ["engagement_type"]
}

# The same, counted per type: one devrev_engagements_count each.
data "devrev_engagements_count" "since" {
  for_each     = toset(local.types)
  type         = [each.key]
  created_date = { after = local.since }
}

# The account's open tickets per severity: one works.count request each.
data "devrev_works_count" "open_tickets" {
  for_each        = toset(["blocker", "high", "medium", "low"])
  type            = ["ticket"]
  state           = ["open"]
  ticket_account  = data.devrev_accounts.account.ids
  ticket_severity = [each.key]
}

# A group by name, and its members. If no group has that name, ids[0]
# fails the plan with "Invalid index".
data "devrev_groups" "group" {
  name = [var.group_name]
}

data "devrev_group_members" "group" {
  group = data.devrev_groups.group.ids[0]
}

locals {
  recent = data.devrev_engagements.recent
  # member_ids and created_by_id are user ids; users[id] is each user's summary.
  name_of = { for id, u in local.recent.users : id => coalesce(u.display_name, u.display_id, id) }
  listed = {
    for t in local.types :
    t => length([for e in data.devrev_engagements.since.engagements : e if e.engagement_type == t])
  }
  severity_counts = [
    for s in ["blocker", "high", "medium", "low"] : "${s} ${data.devrev_works_count.open_tickets[s].total}"
  ]
  group_users = data.devrev_group_members.group.users
  group_names = [
    for m in data.devrev_group_members.group.members :
    try(local.group_users[m.member_id].display_name, m.member_id)
  ]
}

output "account" {
  description = "The account var.account_name names, as devrev_accounts found it."
  value = [
    for a in data.devrev_accounts.account.accounts :
    { id = a.display_id, name = a.display_name, tier = a.tier, domains = a.domains }
  ]
}

output "recent" {
  description = "The account's five most recent engagements, with who took part."
  value = [
    for e in local.recent.engagements : {
      id      = e.display_id
      date    = substr(e.created_date, 0, 10)
      type    = e.engagement_type
      title   = e.title
      members = [for id in coalesce(e.member_ids, []) : local.name_of[id]]
    }
  ]
}

output "per_type" {
  description = "Engagements created in the last var.days days per type: listed (from the list) and counted (by engagements.count)."
  value       = { for t in local.types : t => { listed = local.listed[t], counted = data.devrev_engagements_count.since[t].total } }
}

output "open_tickets_by_severity" {
  description = "Open tickets of the account per severity, counted by works.count."
  value       = { for s in keys(data.devrev_works_count.open_tickets) : s => data.devrev_works_count.open_tickets[s].total }
}

output "group_members" {
  description = "The display names of var.group_name's members."
  value       = local.group_names
}

# Everything above as lines that fit a 100-column terminal: what
# `make demo` prints (`terraform output -raw summary`).
output "summary" {
  description = "The report as text, one screen."
  value = join("\n", flatten([
    [for a in data.devrev_accounts.account.accounts :
    format("%s (%s, %s, %s)", a.display_name, a.display_id, coalesce(a.tier, "no tier"), join(" ", coalesce(a.domains, [])))],
    length(data.devrev_accounts.account.ids) == 0 ? ["No account is named \"${var.account_name}\"."] : [],
    "",
    "Its ${length(local.recent.engagements)} most recent engagements, and who took part:",
    [for e in local.recent.engagements : [
      format("  %s  %-9s %-12s %s", substr(e.created_date, 0, 10), e.display_id, e.engagement_type, substr(coalesce(e.title, ""), 0, 60)),
      format("  %24s%s", "", substr(join(", ", [for id in coalesce(e.member_ids, []) : local.name_of[id]]), 0, 74)),
    ]],
    "",
    "Open tickets by severity: ${join(", ", local.severity_counts)}",
    "",
    "Engagements created in the last ${var.days} days (since ${substr(local.since, 0, 10)}), per type:",
    format("  %-14s %7s %8s", "type", "listed", "counted"),
    [for t in local.types : format("  %-14s %7d %8d", t, local.listed[t], data.devrev_engagements_count.since[t].total)],
    format("  %-14s %7d %8d", "all", length(data.devrev_engagements.since.ids), sum([for t in local.types : data.devrev_engagements_count.since[t].total])),
    "",
    "${var.group_name}: ${length(local.group_names)} members: ${substr(join(", ", local.group_names), 0, 70)}",
  ]))
}
