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
