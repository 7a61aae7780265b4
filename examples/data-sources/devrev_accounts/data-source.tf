variable "account_name" {
  type    = string
  default = "Acme Corp"
}

# The account by its name (display_name is an exact match).
data "devrev_accounts" "acme" {
  display_name = [var.account_name]
}

# Its meetings: the lookup's ids feed devrev_engagements' parent. When no
# account has that name, ids is an empty list, which matches nothing: the
# engagements read is empty and sends no request (it does not read every
# engagement of the organization).
data "devrev_engagements" "acme_meetings" {
  parent  = data.devrev_accounts.acme.ids
  type    = ["meeting"]
  sort_by = ["created_date:desc"]
}

output "acme_meetings" {
  value = [
    for e in data.devrev_engagements.acme_meetings.engagements :
    # parent_id is the account's id; parents holds its summary.
    "${e.created_date} ${data.devrev_engagements.acme_meetings.parents[e.parent_id].display_name}: ${e.title}"
  ]
}
