# P0 issues of one part, created in January; the date range is exact even
# where DevRev does not apply it (the provider checks each work's date).
data "devrev_works" "p0_billing" {
  type            = ["issue"]
  issue_priority  = ["p0"]
  applies_to_part = ["PROD-1"]
  created_date = {
    after  = "2024-01-01T00:00:00Z"
    before = "2024-01-31T23:59:59Z"
  }
}

# Tickets that wait for an answer, in one group, 50 at a time.
data "devrev_works" "waiting" {
  type                  = ["ticket"]
  ticket_needs_response = true
  ticket_group          = ["don:identity:dvrv-us-1:devo/0:group/1"]
  limit                 = 50
}
