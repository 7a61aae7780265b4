# One conversation, by display id (CONV-12) or by DevRev object id.
data "devrev_conversation" "one" {
  id = "CONV-12"
}

output "conversation" {
  value = {
    title   = data.devrev_conversation.one.title
    stage   = data.devrev_conversation.one.stage.name
    sla     = try(data.devrev_conversation.one.sla_summary.stage, null) # null when no SLA applies
    account = data.devrev_conversation.one.account_id == null ? null : data.devrev_conversation.one.accounts[data.devrev_conversation.one.account_id].display_name
  }
}
