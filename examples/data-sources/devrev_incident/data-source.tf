# One incident, by display id (INC-12) or by DevRev object id.
data "devrev_incident" "outage" {
  id = "INC-12"
}

output "outage" {
  value = {
    id         = data.devrev_incident.outage.id # always the object id (don:core:...)
    title      = data.devrev_incident.outage.title
    severity   = try(data.devrev_incident.outage.severity.label, null)
    stage      = try(data.devrev_incident.outage.stage.stage.name, null)
    identified = data.devrev_incident.outage.identified_date
    mitigated  = data.devrev_incident.outage.mitigated_date # null until it is
    parts      = [for id in coalesce(data.devrev_incident.outage.applies_to_part_ids, []) : data.devrev_incident.outage.parts[id].name]
  }
}
