# An account's open high-severity tickets: the account by name, then its
# tickets. If no account has that name, ids is empty, and an empty set
# matches nothing: no tickets (and no request), not every ticket.
data "devrev_accounts" "acme" {
  display_name = ["Acme Corp"]
}

data "devrev_works" "acme_urgent" {
  type            = ["ticket"]
  state           = ["open"]
  ticket_account  = data.devrev_accounts.acme.ids
  ticket_severity = ["blocker", "high"]
  sort_by         = ["created_date:desc"]
}

output "acme_urgent" {
  value = [
    for w in data.devrev_works.acme_urgent.works :
    { id = w.display_id, severity = w.severity, stage = w.stage.name, title = w.title }
  ]
}

# A report on the organization's own fields: open tickets of two regions (a
# custom field, filtered by custom_field_values), grouped by their impact
# score. custom_fields holds each ticket's custom fields by its id, typed as
# DevRev sent them; a ticket without the field falls in "none".
data "devrev_works" "regions" {
  type                = ["ticket"]
  state               = ["open"]
  custom_field_values = { tnt__region = ["AMER", "EMEA"] }
  attributes          = ["display_id", "custom_fields"]
}

output "regions_by_impact" {
  value = {
    for w in data.devrev_works.regions.works :
    try(tostring(data.devrev_works.regions.custom_fields[w.id].tnt__impact_score), "none") => w.display_id...
  }
}
