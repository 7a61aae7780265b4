# An account's open conversations whose SLA is breached or about to be,
# with the group each is assigned to.
data "devrev_accounts" "acme" {
  display_name = ["Acme Corp"]
}

data "devrev_conversations" "at_risk" {
  account           = data.devrev_accounts.acme.ids
  state             = ["open"]
  sla_summary_stage = ["breached", "warning"]
}

output "at_risk" {
  value = {
    for c in data.devrev_conversations.at_risk.conversations :
    c.display_id => "${c.title}: ${c.sla_summary.stage} (${c.group_id == null ? "unassigned" : data.devrev_conversations.at_risk.groups[c.group_id].name})"
  }
}
