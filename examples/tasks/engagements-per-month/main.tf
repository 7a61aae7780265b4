# Engagements per type per month, over every engagement: meant for tens of
# thousands. attributes fills only the two attributes the report groups by,
# so the state holds a small null for every other one.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

data "devrev_engagements" "all" {
  attributes = ["engagement_type", "created_date"]
}

locals {
  engagements = data.devrev_engagements.all.engagements
  # "2026-03" => ["call", "meeting", "call", ...]
  types_by_month = { for e in local.engagements : substr(e.created_date, 0, 7) => e.engagement_type... }
}

output "per_month" {
  description = "Per month (YYYY-MM), how many engagements of each type were created."
  value = {
    for month, types in local.types_by_month : month => {
      for t in distinct(types) : t => length([for x in types : x if x == t])
    }
  }
}

output "total" {
  description = "How many engagements were read."
  value       = length(data.devrev_engagements.all.ids)
}
