# One account by display id (or by its object id).
data "devrev_account" "acme" {
  id = "ACC-12"
}

output "acme" {
  value = {
    name    = data.devrev_account.acme.display_name
    domains = data.devrev_account.acme.domains
    owners  = [for id in coalesce(data.devrev_account.acme.owned_by_ids, []) : data.devrev_account.acme.users[id].display_name]
    # The organization's own fields (custom_fields), such as tnt__region;
    # null when the account has none.
    custom_fields = data.devrev_account.acme.custom_fields
  }
}
