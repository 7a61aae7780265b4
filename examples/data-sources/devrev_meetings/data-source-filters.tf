# Completed Zoom and Google Meet meetings one user organized that ended in
# January, with their recordings.
data "devrev_meetings" "recorded" {
  state     = ["completed"]
  channel   = ["zoom", "google_meet"]
  organizer = ["DEVU-12"]
  ended_date = {
    after  = "2024-01-01T00:00:00Z"
    before = "2024-01-31T23:59:59Z"
  }
}

output "recordings" {
  value = { for m in data.devrev_meetings.recorded.meetings : m.display_id => m.recording_url if m.recording_url != null }
}

# Meetings that did not happen, with one of these members.
data "devrev_meetings" "missed" {
  state   = ["no_show", "canceled"]
  members = ["DEVU-12", "DEVU-13"]
}
