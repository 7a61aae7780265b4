# Provider functions need Terraform 1.8+ or OpenTofu 1.7+.
output "ticket" {
  value = provider::devrev::display_id_type("TKT-12") # "ticket"
}

# Every display id a data source returns has a known prefix: groups,
# meetings and tasks too.
output "group" {
  value = provider::devrev::display_id_type("GRP-3") # "group"
}

# Pick the data source by the kind of id a user gave.
variable "ref" {
  type    = string
  default = "ACC-12"
}

data "devrev_account" "ref" {
  count = provider::devrev::display_id_type(var.ref) == "account" ? 1 : 0
  id    = var.ref
}

# An unknown prefix is an error; can() turns it into false.
output "known" {
  value = can(provider::devrev::display_id_type("XYZ-1")) # false
}
