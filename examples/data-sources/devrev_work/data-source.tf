# One work, by display id (TKT-12, ISS-7, ...) or by DevRev object id.
data "devrev_work" "ticket" {
  id = "TKT-12"
}

output "ticket" {
  value = {
    id       = data.devrev_work.ticket.id # always the object id (don:core:...)
    title    = data.devrev_work.ticket.title
    severity = data.devrev_work.ticket.severity # null for works that are not tickets
    stage    = data.devrev_work.ticket.stage.name
    account  = data.devrev_work.ticket.account_id == null ? null : data.devrev_work.ticket.accounts[data.devrev_work.ticket.account_id].display_name
    # The organization's own fields, typed as DevRev sent them; null when
    # the work has none, so try() for one that may be missing.
    region = try(data.devrev_work.ticket.custom_fields.tnt__region, null)
  }
}
