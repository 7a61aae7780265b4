# The open tickets whose SLA is breached, each with its SLA and the
# metrics in breach: the SLA trackers by stage, then the tickets they
# track (a tracker names its ticket by id alone, `applies_to_id`).

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

data "devrev_sla_trackers" "breached" {
  stage = ["breached"]
}

data "devrev_works" "open_tickets" {
  type       = ["ticket"]
  state      = ["open"]
  attributes = ["display_id", "title"]
}

locals {
  open_tickets = { for w in data.devrev_works.open_tickets.works : w.id => w }
  slas         = data.devrev_sla_trackers.breached.slas
}

output "breached_tickets" {
  description = "Each open ticket in breach as \"TKT-1: title (SLA: metrics in breach)\"."
  value = [
    for t in data.devrev_sla_trackers.breached.sla_trackers :
    format("%s: %s (%s: %s)",
      local.open_tickets[t.applies_to_id].display_id, local.open_tickets[t.applies_to_id].title,
      t.sla_id == null ? "no SLA" : local.slas[t.sla_id].name,
    join(", ", [for m in t.metric_target_summaries : m.metric_definition.name if m.stage == "breached"]))
    if contains(keys(local.open_tickets), t.applies_to_id)
  ]
}
