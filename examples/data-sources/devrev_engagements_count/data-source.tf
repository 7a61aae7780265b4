# One request per count, however many engagements match.
data "devrev_engagements_count" "meetings_with_acme" {
  type   = ["meeting", "call"]
  parent = ["ACC-12345"]
}

output "meetings_with_acme" {
  value = data.devrev_engagements_count.meetings_with_acme.total
}
