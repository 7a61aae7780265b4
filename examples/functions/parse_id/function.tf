# Provider functions need Terraform 1.8+ or OpenTofu 1.7+.
locals {
  engagement = provider::devrev::parse_id("don:core:dvrv-us-1:devo/0:engagement/123")
}

output "engagement_number" {
  value = local.engagement.number # "123"
}

# A comment inside a ticket: the ticket is its parent.
output "comment" {
  value = provider::devrev::parse_id("don:core:dvrv-us-1:devo/0:ticket/123:comment/7")
  # {
  #   service   = "core"
  #   partition = "dvrv-us-1"
  #   dev_org   = "0"
  #   type      = "comment"
  #   don_type  = "comment"
  #   number    = "7"
  #   parents   = [{ type = "ticket", number = "123" }]
  # }
}

# A type is named as display_id_type names it; don_type keeps the DON's
# own spelling.
output "dev_user" {
  value = provider::devrev::parse_id("don:identity:dvrv-us-1:devo/0:devu/12").type # "dev_user"
}

output "dev_user_don_type" {
  value = provider::devrev::parse_id("don:identity:dvrv-us-1:devo/0:devu/12").don_type # "devu"
}

# The parts of an id the provider read.
data "devrev_work" "ticket" {
  id = "TKT-12"
}

output "ticket_org" {
  value = provider::devrev::parse_id(data.devrev_work.ticket.id).dev_org
}
