# One meetings.count request, however many meetings match.
data "devrev_meetings_count" "no_shows" {
  state  = ["no_show"]
  parent = ["ACC-12345"]
}

# With a date range, the count lists the matching meetings instead (one
# request per 100), so that it is exactly what devrev_meetings reads.
data "devrev_meetings_count" "held_in_january" {
  state = ["completed"]
  ended_date = {
    after  = "2024-01-01T00:00:00Z"
    before = "2024-01-31T23:59:59Z"
  }
}

output "meetings" {
  value = {
    no_shows        = data.devrev_meetings_count.no_shows.total
    held_in_january = data.devrev_meetings_count.held_in_january.total
  }
}
