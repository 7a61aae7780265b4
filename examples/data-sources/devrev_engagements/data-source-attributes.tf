# A report over every engagement keeps only what it uses in the state:
# the other attributes of each engagement are null, and id is always there.
data "devrev_engagements" "report" {
  sort_by    = ["created_date:desc"]
  attributes = ["engagement_type", "parent_id", "member_ids", "created_date"]
}

# Engagement types per parent account or opportunity, by name: parent_id is
# an id, and parents holds each parent's summary once.
output "engagement_types_by_parent" {
  value = {
    for e in data.devrev_engagements.report.engagements :
    (e.parent_id == null ? "none" : data.devrev_engagements.report.parents[e.parent_id].display_name) => e.engagement_type...
  }
}
