# A group by name: the way from "Support L1" to its id.
data "devrev_groups" "support" {
  name = ["Support L1"]
}

# The organization's custom groups of dev users, by name.
data "devrev_groups" "custom" {
  is_default  = false
  member_type = ["dev_user"]
  sort_by     = ["name:asc"]
}

output "custom_groups" {
  value = { for g in data.devrev_groups.custom.groups : g.name => g.display_id }
}
