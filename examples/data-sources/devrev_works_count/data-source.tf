# One works.count request, however many works match. DevRev caps the count:
# has_more says whether more match than total.
data "devrev_works_count" "open_tickets" {
  type  = ["ticket"]
  state = ["open"]
}

output "open_tickets" {
  value = "${data.devrev_works_count.open_tickets.total}${data.devrev_works_count.open_tickets.has_more ? "+" : ""}"
}
