# One engagement, by display id or by DevRev object id.
data "devrev_engagement" "kickoff" {
  id = "ENGM-123"
}

output "kickoff" {
  value = {
    id        = data.devrev_engagement.kickoff.id # always the object id (don:core:...)
    title     = data.devrev_engagement.kickoff.title
    scheduled = data.devrev_engagement.kickoff.scheduled_date
    # created_by_id is the user's id; users has the summary of every user named.
    created_by = data.devrev_engagement.kickoff.users[data.devrev_engagement.kickoff.created_by_id].display_name
  }
}
