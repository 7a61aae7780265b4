# One Rev organization by display id (or by its object id).
data "devrev_rev_org" "acme" {
  id = "REV-AbCdEfGh"
}

output "acme_rev_org" {
  value = {
    name    = data.devrev_rev_org.acme.display_name
    account = data.devrev_rev_org.acme.account_id == null ? null : data.devrev_rev_org.acme.accounts[data.devrev_rev_org.acme.account_id].display_name
  }
}
