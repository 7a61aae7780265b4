# The published articles about a product, and how many are still drafts.
data "devrev_parts" "billing" {
  name = ["Billing"]
  type = ["product"]
}

data "devrev_articles" "billing" {
  applies_to_parts = data.devrev_parts.billing.ids
  status           = ["published"]
}

data "devrev_articles_count" "billing_drafts" {
  applies_to_parts = data.devrev_parts.billing.ids
  status           = ["draft"]
}

output "billing_articles" {
  value = {
    for a in data.devrev_articles.billing.articles :
    a.display_id => "${a.title} (${data.devrev_articles.billing.directories[a.parent_id].title})"
  }
}

output "billing_drafts" {
  value = data.devrev_articles_count.billing_drafts.total
}
