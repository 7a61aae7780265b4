# A colleague by email address.
data "devrev_dev_users" "ada" {
  email = ["ada@example.com"]
  state = ["active"]
}

# The meetings they took part in: the lookup's ids feed members. No match
# means an empty list, and an empty members set matches nothing.
data "devrev_engagements" "ada_meetings" {
  members = data.devrev_dev_users.ada.ids
  type    = ["meeting"]
}

output "ada_meetings" {
  value = length(data.devrev_engagements.ada_meetings.ids)
}
