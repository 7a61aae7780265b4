# The open tickets whose SLA is breached: which SLA, and which of its
# metrics. A tracker names its ticket by id alone (`applies_to_id`), the
# ticket's `id` in devrev_works.
data "devrev_sla_trackers" "breached" {
  stage = ["breached"]
}

data "devrev_works" "open_tickets" {
  type  = ["ticket"]
  state = ["open"]
}

locals {
  open_tickets = { for w in data.devrev_works.open_tickets.works : w.id => w }
}

output "breached_open_tickets" {
  value = [
    for t in data.devrev_sla_trackers.breached.sla_trackers : {
      ticket   = local.open_tickets[t.applies_to_id].display_id
      title    = local.open_tickets[t.applies_to_id].title
      sla      = t.sla_id == null ? null : data.devrev_sla_trackers.breached.slas[t.sla_id].name
      breached = [for m in t.metric_target_summaries : m.metric_definition.name if m.stage == "breached"]
    }
    if contains(keys(local.open_tickets), t.applies_to_id)
  ]
}
