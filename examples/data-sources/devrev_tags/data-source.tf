# A tag by name (tag names are unique), then the works that carry it.
# If no tag has that name, ids is empty, and an empty set matches
# nothing: no works (and no request), not every work.
data "devrev_tags" "bug" {
  name = ["bug"]
}

data "devrev_works" "bugs" {
  type = ["issue"]
  tags = data.devrev_tags.bug.ids
}

# The values a tag allows, such as a region tag's.
data "devrev_tags" "region" {
  name = ["region"]
}

output "regions" {
  value = one(data.devrev_tags.region.tags[*].allowed_values)
}
