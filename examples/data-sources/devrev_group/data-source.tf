# One group, by display id or by DevRev object id.
data "devrev_group" "support" {
  id = "GRP-1"
}

output "support" {
  value = {
    id          = data.devrev_group.support.id # always the object id
    name        = data.devrev_group.support.name
    description = data.devrev_group.support.description
    # A user is named by id; its summary is in users.
    owner = data.devrev_group.support.owner_id == null ? null : data.devrev_group.support.users[data.devrev_group.support.owner_id].email
  }
}
