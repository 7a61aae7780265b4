# The works that carry a tag and apply to a part, both looked up by name.
# A name that matches nothing gives an empty ids, and an empty set matches
# nothing: no works, not every work.
data "devrev_tags" "customer_reported" {
  name = ["customer-reported"]
}

data "devrev_parts" "sso" {
  name = ["Single sign-on"]
}

data "devrev_works" "sso_customer_reported" {
  tags            = data.devrev_tags.customer_reported.ids
  applies_to_part = data.devrev_parts.sso.ids
}

output "sso_customer_reported" {
  value = [for w in data.devrev_works.sso_customer_reported.works : "${w.display_id}: ${w.title}"]
}
