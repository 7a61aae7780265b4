# The same members' open tickets: ids feed any filter that takes user ids.
data "devrev_works" "support_open_tickets" {
  type     = ["ticket"]
  state    = ["open"]
  owned_by = data.devrev_group_members.support.ids
}
