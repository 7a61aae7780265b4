# Open tickets grouped by one of the organization's own fields (a custom
# field such as tnt__region), with how many each group has, and the tickets
# whose impact score, a number field, is at least a threshold.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "field" {
  description = "The custom field to group by, by its full name (tnt__ for the organization's, ctype__ for a subtype's)."
  type        = string
  default     = "tnt__region"
}

variable "min_impact" {
  description = "The least impact score (the number field tnt__impact_score) of a ticket in high_impact."
  type        = number
  default     = 4
}

data "devrev_works" "tickets" {
  type  = ["ticket"]
  state = ["open"]
  # custom_fields fills the list's custom_fields: each ticket's fields, by
  # its id, typed as DevRev sent them.
  attributes = ["display_id", "title", "custom_fields"]
}

locals {
  # A ticket without custom fields is no key (hence try() below).
  fields = data.devrev_works.tickets.custom_fields
  tickets = [
    for w in data.devrev_works.tickets.works : {
      label  = "${w.display_id}: ${w.title}"
      group  = try(tostring(local.fields[w.id][var.field]), "(none)")
      impact = try(local.fields[w.id].tnt__impact_score, null)
    }
  ]
  by_group = { for t in local.tickets : t.group => t.label... }
}

# One ticket's fields through devrev_work: the same values, on the
# singular data source.
data "devrev_work" "first" {
  id = keys(local.fields)[0]
}

output "tickets_by_field" {
  description = "Per value of the field, the open tickets that have it, as \"TKT-1: title\"; \"(none)\" for those without it."
  value       = local.by_group
}

output "count_by_field" {
  description = "Per value of the field, how many open tickets have it."
  value       = { for g, ts in local.by_group : g => length(ts) }
}

output "high_impact" {
  description = "The open tickets whose impact score is at least min_impact: compared as numbers, as DevRev sent them."
  value       = [for t in local.tickets : t.label if try(t.impact >= var.min_impact, false)]
}

output "first_ticket_fields" {
  description = "The custom fields of the first ticket that has any (by id), read by devrev_work."
  value       = { id = data.devrev_work.first.id, fields = data.devrev_work.first.custom_fields }
}
