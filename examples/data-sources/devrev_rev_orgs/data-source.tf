variable "account_name" {
  type    = string
  default = "Acme Corp"
}

# The account by its name (display_name is an exact match).
data "devrev_accounts" "acme" {
  display_name = [var.account_name]
}

# Its Rev organizations (the customer organization and its workspaces).
# When no account has that name, ids is an empty list, which matches
# nothing: the read is empty and sends no request.
data "devrev_rev_orgs" "acme" {
  account = data.devrev_accounts.acme.ids
  sort_by = ["display_name:asc"]
}

output "acme_rev_orgs" {
  value = { for o in data.devrev_rev_orgs.acme.rev_orgs : o.display_id => o.display_name }
}
