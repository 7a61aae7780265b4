#!/usr/bin/env bash
# Runs the acceptance tests (TF_ACC=1) on every CLI the provider supports:
#   - OpenTofu 1.12.6 and Terraform 1.5.7 (the oldest supported), built from
#     the Go module proxy by tools/install-clis.sh and cached outside the
#     repository;
#   - a current Terraform (1.11 or newer) found on PATH, with its version
#     printed. Terraform 1.6 and later cannot be built from the Go module
#     proxy (their go.mod replaces nested modules with folders the module
#     download lacks), so this one comes from the machine. Where PATH has
#     none, or only an older one, that run is skipped with a message saying so.
# The tests start their own local DevRev API on loopback, in-process, so
# nothing outlives them.
#
#   tools/testacc.sh [go test flags...]     e.g. tools/testacc.sh -run TestAccEngagements_limit
set -euo pipefail
cd "$(dirname "$0")/.."

# The oldest Terraform minor version that counts as current.
CURRENT_TERRAFORM_MIN=1.11

# An assignment, not `eval "$(...)"`: a failed install then stops the script
# here (set -e) instead of leaving $terraform unset.
clis=$(tools/install-clis.sh terraform tofu)
eval "$clis"
. tools/cli-env.sh

# version BIN: the CLI's version number, e.g. 1.11.4.
# sed reads all of the output: head would stop reading after one line, and
# a CLI still writing (an upgrade notice) would die of SIGPIPE, which
# pipefail turns into this script's failure.
version() { "$1" version | sed -n '1s/^[A-Za-z]* v\([0-9][0-9.]*\).*/\1/p'; }

# at_least VERSION MIN: whether VERSION (x.y.z) is MIN (x.y) or newer.
at_least() {
  local IFS=.
  # shellcheck disable=SC2206
  local v=($1) m=($2)
  [ "${v[0]}" -gt "${m[0]}" ] || { [ "${v[0]}" -eq "${m[0]}" ] && [ "${v[1]}" -ge "${m[1]}" ]; }
}

ran=() skipped=()
run() {
  local label=$1 bin=$2; shift 2
  echo "==> acceptance tests on $label ($bin)"
  env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$bin" "$@" \
    go test -count=1 -timeout 30m "${GO_TEST_FLAGS[@]}" ./internal/provider/
  ran+=("$label")
}

GO_TEST_FLAGS=("$@")
run "OpenTofu $(version "$tofu")" "$tofu" TF_ACC_PROVIDER_HOST=registry.opentofu.org
run "Terraform $(version "$terraform") (oldest supported)" "$terraform"

if current=$(command -v terraform); then
  current_version=$(version "$current")
  if [ -z "$current_version" ]; then
    echo "ERROR: could not read the version of $current ($("$current" version 2>&1 | sed -n 1p))" >&2
    exit 1
  elif at_least "$current_version" "$CURRENT_TERRAFORM_MIN"; then
    run "Terraform $current_version (current)" "$current"
  else
    skipped+=("current Terraform: $current is $current_version, older than $CURRENT_TERRAFORM_MIN")
  fi
else
  skipped+=("current Terraform: no terraform on PATH; install Terraform $CURRENT_TERRAFORM_MIN or newer to run it")
fi

echo "==> acceptance tests ran on: $(IFS=';'; echo "${ran[*]}" | sed 's/;/, /g')"
for s in "${skipped[@]}"; do
  echo "==> SKIPPED the acceptance tests on a $s" >&2
done
