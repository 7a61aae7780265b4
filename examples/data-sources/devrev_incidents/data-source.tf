# A product's incidents identified in the last 30 days that are not yet
# mitigated, with their severity and owners.
data "devrev_parts" "billing" {
  name = ["Billing"]
  type = ["product"]
}

data "devrev_incidents" "billing" {
  applies_to_parts = data.devrev_parts.billing.ids
  identified_date  = { after = timeadd(plantimestamp(), "-720h") }
}

output "unmitigated" {
  value = {
    for i in data.devrev_incidents.billing.incidents :
    i.display_id => {
      title    = i.title
      severity = try(i.severity.label, null) # severity.id is what the severity filter takes
      stage    = try(i.stage.stage.name, null)
      owners   = [for id in coalesce(i.owned_by_ids, []) : data.devrev_incidents.billing.users[id].display_name]
    } if i.mitigated_date == null
  }
}
