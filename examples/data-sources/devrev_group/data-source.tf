# One group, by display id or by DevRev object id.
data "devrev_group" "support" {
  id = "GRP-1"
}

output "support" {
  value = {
    id          = data.devrev_group.support.id # always the object id
    name        = data.devrev_group.support.name
    description = data.devrev_group.support.description
    owner       = data.devrev_group.support.owner == null ? null : data.devrev_group.support.owner.email
  }
}
