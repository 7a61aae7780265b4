#!/usr/bin/env bash
# Runs the acceptance tests (TF_ACC=1) on both CLIs the provider supports:
# OpenTofu 1.12.6 and Terraform 1.5.7, each built from the Go module proxy by
# tools/install-clis.sh and cached outside the repository. The tests start
# their own local DevRev API on loopback, in-process, so nothing outlives them.
#
#   tools/testacc.sh [go test flags...]     e.g. tools/testacc.sh -run TestAccEngagements_limit
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(tools/install-clis.sh terraform tofu)"

# A TF_CLI_CONFIG_FILE naming a file that does not exist makes both CLIs
# print a warning before `version`, which terraform-plugin-testing cannot
# parse. The tests need no CLI configuration of their own.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi

run() {
  local name=$1 bin=$2; shift 2
  echo "==> acceptance tests on $("$bin" version | head -1) ($bin)"
  env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$bin" "$@" \
    go test -count=1 -timeout 30m "${GO_TEST_FLAGS[@]}" ./internal/provider/
}

GO_TEST_FLAGS=("$@")
run tofu "$tofu" TF_ACC_PROVIDER_HOST=registry.opentofu.org
run terraform "$terraform"
