# The Rev organizations of an account, found by its name.
data "devrev_accounts" "acme" {
  display_name = ["Acme Corp"]
}

data "devrev_rev_orgs" "acme" {
  account = data.devrev_accounts.acme.ids
}

# Their verified users. An empty rev_org list (no such account) matches
# nothing and sends no request.
data "devrev_rev_users" "acme" {
  rev_org     = data.devrev_rev_orgs.acme.ids
  is_verified = true
}

output "acme_contacts" {
  value = [
    for u in data.devrev_rev_users.acme.rev_users :
    "${coalesce(u.full_name, u.display_name)} <${coalesce(u.email, "no email")}> (${u.rev_org_id == null ? "no Rev organization" : data.devrev_rev_users.acme.rev_orgs[u.rev_org_id].display_name})"
  ]
}
