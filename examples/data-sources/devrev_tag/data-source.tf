# One tag, by display id (TAG-12) or by DevRev object id.
data "devrev_tag" "tag" {
  id = "TAG-12"
}

output "tag" {
  value = {
    name           = data.devrev_tag.tag.name
    description    = data.devrev_tag.tag.description
    allowed_values = data.devrev_tag.tag.allowed_values
  }
}
