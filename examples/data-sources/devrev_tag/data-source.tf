# One tag, by display id (TAG-12) or by DevRev object id.
data "devrev_tag" "bug" {
  id = "TAG-12"
}

output "bug" {
  value = {
    name        = data.devrev_tag.bug.name
    description = data.devrev_tag.bug.description
  }
}
