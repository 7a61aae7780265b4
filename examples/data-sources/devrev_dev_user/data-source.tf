# One dev user by display id (or by its object id).
data "devrev_dev_user" "ada" {
  id = "DEVU-12"
}

output "ada" {
  value = "${data.devrev_dev_user.ada.full_name} <${data.devrev_dev_user.ada.email}> (${data.devrev_dev_user.ada.state})"
}
