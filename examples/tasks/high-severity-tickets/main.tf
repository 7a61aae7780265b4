# Open tickets of high severity (and worse), grouped by severity, with the
# names of their owners.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "severities" {
  description = "The severities to list."
  type        = list(string)
  default     = ["blocker", "high"]
}

data "devrev_works" "tickets" {
  type            = ["ticket"]
  state           = ["open"]
  ticket_severity = var.severities
  # Only what the output needs: owned_by_ids fills users with the owners.
  attributes = ["display_id", "title", "severity", "owned_by_ids"]
}

output "tickets_by_severity" {
  description = "Per severity, each ticket as \"TKT-1: title (owners)\"."
  value = {
    for s in var.severities : s => [
      for w in data.devrev_works.tickets.works :
      "${w.display_id}: ${w.title} (${join(", ", [for id in coalesce(w.owned_by_ids, []) : data.devrev_works.tickets.users[id].display_name])})"
      if w.severity == s
    ]
  }
}
