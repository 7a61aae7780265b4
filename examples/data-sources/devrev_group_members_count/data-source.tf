# One groups.members.count request, however many members the group has.
# DevRev caps the count: has_more says whether there are more than total.
data "devrev_group_members_count" "everyone" {
  group = "GRP-5"
}

output "everyone" {
  value = "${data.devrev_group_members_count.everyone.total}${data.devrev_group_members_count.everyone.has_more ? "+" : ""}"
}
