# Works with a tag in a product: the tag and the part by name, then the works
# that carry the tag and apply to the part.

terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# endpoint and token come from DEVREV_ENDPOINT and DEVREV_TOKEN.
provider "devrev" {}

variable "tag_name" {
  description = "The tag's name (exact)."
  type        = string
  default     = "bug"
}

variable "part_name" {
  description = "The part's name (exact): a product, capability or feature."
  type        = string
  default     = "Billing"
}

data "devrev_tags" "tag" {
  name = [var.tag_name]
}

data "devrev_parts" "part" {
  name = [var.part_name]
}

data "devrev_works" "tagged" {
  tags            = data.devrev_tags.tag.ids
  applies_to_part = data.devrev_parts.part.ids
}

output "works" {
  description = "Each work as \"ISS-1 (issue, state): title\"."
  value = [for w in data.devrev_works.tagged.works :
  "${w.display_id} (${w.type}, ${w.stage.name}): ${w.title}"]
}

output "part" {
  description = "The part the works apply to, as the works name it."
  value       = distinct([for w in data.devrev_works.tagged.works : data.devrev_works.tagged.parts[w.applies_to_part_id].name if w.applies_to_part_id != null])
}
