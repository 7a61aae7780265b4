# One Rev user (a customer's user) by display id (or by its object id).
data "devrev_rev_user" "chloe" {
  id = "REVU-1"
}

output "chloe" {
  value = {
    email   = data.devrev_rev_user.chloe.email
    rev_org = data.devrev_rev_user.chloe.rev_org_id == null ? null : data.devrev_rev_user.chloe.rev_orgs[data.devrev_rev_user.chloe.rev_org_id].display_name
  }
}
