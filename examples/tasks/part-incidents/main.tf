# A part's incidents of the last quarter, found by the part's name, with the
# time each took to mitigate and the mean over those mitigated.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "part_name" {
  description = "The part's name (exact): a product, capability or feature."
  type        = string
  default     = "Billing"
}

variable "days" {
  description = "How many days back to look, by when incidents were identified."
  type        = number
  default     = 90
}

data "devrev_parts" "part" {
  name = [var.part_name]
}

# An empty applies_to_parts (no part of that name) matches nothing: the list
# is empty and DevRev is not asked. include_child_parts adds the incidents of
# the parts under it (a product's capabilities and features).
data "devrev_incidents" "recent" {
  applies_to_parts    = data.devrev_parts.part.ids
  include_child_parts = true
  identified_date     = { after = timeadd(plantimestamp(), "-${var.days * 24}h") }
  attributes          = ["display_id", "title", "severity", "stage", "applies_to_part_ids", "identified_date", "mitigated_date"]
}

locals {
  incidents = data.devrev_incidents.recent.incidents
  # HCL has no difference of two timestamps, so each date becomes seconds
  # since a fixed day: the day's number in the civil calendar (years from
  # March, so that a leap day ends its year), then the time of day. DevRev
  # sends dates in UTC.
  dates = toset(compact(flatten([for i in local.incidents : [i.identified_date, i.mitigated_date]])))
  civil = { for d in local.dates : d => {
    y = tonumber(formatdate("YYYY", d)) - (tonumber(formatdate("M", d)) <= 2 ? 1 : 0)
    m = (tonumber(formatdate("M", d)) + 9) % 12
    s = tonumber(formatdate("D", d)) * 86400 + tonumber(formatdate("h", d)) * 3600 + tonumber(formatdate("m", d)) * 60 + tonumber(formatdate("s", d))
  } }
  seconds = { for d, c in local.civil : d => (365 * c.y + floor(c.y / 4) - floor(c.y / 100) + floor(c.y / 400) + floor((153 * c.m + 2) / 5)) * 86400 + c.s }

  minutes_to_mitigate = {
    for i in local.incidents : i.display_id => floor((local.seconds[i.mitigated_date] - local.seconds[i.identified_date]) / 60)
    if i.mitigated_date != null && i.identified_date != null
  }
}

output "incidents" {
  description = "Each incident by display id: title, the parts it applies to, severity, stage, when identified, and minutes to mitigate (null while not mitigated)."
  value = {
    for i in local.incidents : i.display_id => {
      title               = i.title
      parts               = [for id in coalesce(i.applies_to_part_ids, []) : data.devrev_incidents.recent.parts[id].name]
      severity            = try(i.severity.label, null)
      stage               = try(i.stage.stage.name, null)
      identified          = i.identified_date
      minutes_to_mitigate = lookup(local.minutes_to_mitigate, i.display_id, null)
    }
  }
}

output "mean_minutes_to_mitigate" {
  description = "Mean time to mitigate, in whole minutes, over the incidents mitigated (null when none is)."
  value       = length(local.minutes_to_mitigate) == 0 ? null : floor(sum(values(local.minutes_to_mitigate)) / length(local.minutes_to_mitigate))
}
