# The organization's own objects of one leaf type (here `campaign`): those
# in progress, newest first, and how many there are in all.
data "devrev_custom_objects" "campaigns" {
  leaf_type = "campaign"
  sort_by   = ["created_date:desc"]
}

data "devrev_custom_objects_count" "campaigns" {
  leaf_type = "campaign"
}

output "campaigns_in_progress" {
  value = [
    for c in data.devrev_custom_objects.campaigns.custom_objects :
    "${c.display_id} ${c.title} (${try(c.stage.stage.name, "no stage")})"
    if try(c.stage.state.name, "") == "in_progress"
  ]
}

output "campaigns" {
  value = data.devrev_custom_objects_count.campaigns.total
}
