terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# Keep the token out of the configuration: leave `token` unset and export
# DEVREV_TOKEN, or pass it in through a sensitive variable as here.
variable "devrev_token" {
  type      = string
  sensitive = true
}

provider "devrev" {
  token = var.devrev_token

  # The defaults, spelled out. DEVREV_ENDPOINT overrides the endpoint when
  # the attribute is unset.
  endpoint       = "https://api.devrev.ai"
  max_retries    = 5
  max_retry_wait = "60s"
}
