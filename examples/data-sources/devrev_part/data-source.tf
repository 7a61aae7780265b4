# One part, by display id (PROD-12, CAPL-3, ...) or by DevRev object id.
data "devrev_part" "billing" {
  id = "PROD-1"
}

output "billing" {
  value = {
    id     = data.devrev_part.billing.id # always the object id (don:core:...)
    type   = data.devrev_part.billing.type
    name   = data.devrev_part.billing.name
    owners = [for id in coalesce(data.devrev_part.billing.owned_by_ids, []) : data.devrev_part.billing.users[id].display_name]
  }
}
