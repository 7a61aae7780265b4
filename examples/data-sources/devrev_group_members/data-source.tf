# From a group's name to what its members did: the group by name, its
# members, then the engagements those members took part in. If no group
# has that name, ids[0] fails the plan with "Invalid index" rather than
# reading the members of some other group.
data "devrev_groups" "support" {
  name = ["Support L1"]
}

data "devrev_group_members" "support" {
  group = data.devrev_groups.support.ids[0]
}

# ids are the members' ids: the value engagements' `members` filter takes.
data "devrev_engagements" "support_calls" {
  members = data.devrev_group_members.support.ids
  type    = ["call", "meeting"]
  sort_by = ["created_date:desc"]
  limit   = 100
}

# Each member is its id; users holds a user's summary (groups, a group's).
output "support_members" {
  value = [
    for m in data.devrev_group_members.support.members :
    data.devrev_group_members.support.users[m.member_id].email
    if contains(keys(data.devrev_group_members.support.users), m.member_id)
  ]
}

output "support_calls" {
  value = [for e in data.devrev_engagements.support_calls.engagements : e.title]
}
