# The next 50 after the ones read by data.devrev_engagements.recent: the same
# filters and sort_by, starting at its next_cursor. A null next_cursor means
# nothing follows; reading with a null cursor would start again from the
# beginning, hence the count.
data "devrev_engagements" "older" {
  count = data.devrev_engagements.recent.next_cursor == null ? 0 : 1

  type    = ["meeting", "call"]
  parent  = ["ACC-12345"]
  sort_by = ["created_date:desc"]
  limit   = 50
  cursor  = data.devrev_engagements.recent.next_cursor
}

# The 20 engagements modified last, listed oldest first: mode "before" with
# no cursor reads backward from the end of the sort order, and the list is
# still in sort order. page_size 10 makes this two requests instead of one.
data "devrev_engagements" "last_modified" {
  sort_by   = ["modified_date:asc"]
  mode      = "before"
  limit     = 20
  page_size = 10
}

output "last_modified_ids" {
  value = data.devrev_engagements.last_modified.ids
}
