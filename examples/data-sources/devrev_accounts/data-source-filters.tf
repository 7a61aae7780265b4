# Enterprise accounts created in 2024, by domain, largest set first.
data "devrev_accounts" "enterprise_2024" {
  tier    = ["enterprise"]
  domains = ["acme.example", "globex.example"]
  created_date = {
    after  = "2024-01-01T00:00:00Z"
    before = "2024-12-31T23:59:59Z"
  }
  sort_by = ["display_name:asc"]
  limit   = 100
}

output "enterprise_2024" {
  value = { for a in data.devrev_accounts.enterprise_2024.accounts : a.display_id => a.display_name }
}
