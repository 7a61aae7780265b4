# One meeting, by display id or by DevRev object id.
data "devrev_meeting" "kickoff" {
  id = "don:core:dvrv-us-1:devo/0:meeting/12"
}

output "kickoff" {
  value = {
    title     = data.devrev_meeting.kickoff.title
    state     = data.devrev_meeting.kickoff.state
    organizer = data.devrev_meeting.kickoff.users[data.devrev_meeting.kickoff.organizer_id].display_name
    members   = [for id in coalesce(data.devrev_meeting.kickoff.member_ids, []) : data.devrev_meeting.kickoff.users[id].display_name]
    account   = data.devrev_meeting.kickoff.parent_id == null ? null : data.devrev_meeting.kickoff.parents[data.devrev_meeting.kickoff.parent_id].display_name
    ended     = data.devrev_meeting.kickoff.ended_date # null until the meeting has ended
  }
}
