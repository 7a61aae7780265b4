terraform {
  required_providers {
    devrev = {
      source = "seed-19167fad/devrev"
    }
  }
}

# Keep the token out of the configuration. In automation, leave `token` unset
# and export DEVREV_TOKEN: a root module variable, even a sensitive one as
# here, is stored in saved plan files (plan -out).
variable "devrev_token" {
  type      = string
  sensitive = true
}

provider "devrev" {
  token = var.devrev_token

  # The defaults, spelled out. DEVREV_ENDPOINT overrides the endpoint when
  # the attribute is unset.
  endpoint        = "https://api.devrev.ai"
  max_retries     = 5
  max_retry_wait  = "60s"
  request_timeout = "30s"
  max_concurrency = 16
}
