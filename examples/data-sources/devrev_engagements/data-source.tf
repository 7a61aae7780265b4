# The 50 most recent meetings and calls with one customer account.
data "devrev_engagements" "recent" {
  type    = ["meeting", "call"]
  parent  = ["ACC-12345"]
  sort_by = ["created_date:desc"]
  limit   = 50
}

output "recent_engagements" {
  value = [
    for e in data.devrev_engagements.recent.engagements :
    "${e.display_id} ${e.created_date} ${e.title}"
  ]
}
