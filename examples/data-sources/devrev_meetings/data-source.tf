# An account's meetings of the last quarter, newest first: the account by
# name, then its meetings. If no account has that name, ids is empty, and an
# empty set matches nothing: no meetings (and no request), not every meeting.
data "devrev_accounts" "acme" {
  display_name = ["Acme Corp"]
}

data "devrev_meetings" "acme_last_quarter" {
  parent = data.devrev_accounts.acme.ids
  scheduled_date = {
    after  = "2024-01-01T00:00:00Z"
    before = "2024-03-31T23:59:59Z"
  }
  sort_by = ["scheduled_date:desc"]
}

output "acme_last_quarter" {
  value = [
    for m in data.devrev_meetings.acme_last_quarter.meetings :
    {
      id    = m.display_id
      title = m.title
      state = m.state
      when  = m.scheduled_date
      # A user is named by id: users holds each one's summary once.
      organizer = data.devrev_meetings.acme_last_quarter.users[m.organizer_id].display_name
    }
  ]
}
