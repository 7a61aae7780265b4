# A product by name, and every part below it in the part hierarchy
# (its capabilities, their features, ...).
data "devrev_parts" "billing" {
  name = ["Billing"]
  type = ["product"]
}

data "devrev_parts" "below_billing" {
  parent_part = data.devrev_parts.billing.ids
}

# Only the capabilities directly below it.
data "devrev_parts" "billing_capabilities" {
  parent_part       = data.devrev_parts.billing.ids
  parent_part_level = 1
  type              = ["capability"]
}

# The open work on the product or anything below it. If no product has
# that name, ids is empty, and an empty set matches nothing: no works.
data "devrev_works" "billing_open" {
  applies_to_part = concat(data.devrev_parts.billing.ids, data.devrev_parts.below_billing.ids)
  state           = ["open", "in_progress"]
}

output "billing_parts" {
  value = [for p in data.devrev_parts.below_billing.parts : "${p.display_id} ${p.type}: ${p.name}"]
}
