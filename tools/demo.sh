#!/usr/bin/env bash
# `make demo`: shows the provider doing its job on a machine with only Go.
#
# Builds the provider and the local DevRev API (internal/localapi), starts the
# API on a free loopback port with a few hundred engagements dated up to
# today, points a Terraform or OpenTofu CLI at the provider build through
# dev_overrides, applies examples/report quietly and prints its `summary`
# output: one screen. The apply's own output is printed only if it fails.
# Everything it started is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
api_pid=""
cleanup() {
  if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A CLI: tofu or terraform on PATH, else a pinned one built from the Go module
# proxy (Terraform 1.5.7 builds fastest).
if cli=$(command -v tofu) || cli=$(command -v terraform); then
  :
else
  clis=$(tools/install-clis.sh terraform) # fails the script if the install fails
  eval "$clis"
  cli=$terraform
fi

echo "==> building the provider and the local DevRev API"
go build -o "$work/bin/terraform-provider-devrev" .
go build -o "$work/devrev-local-api" ./internal/cmd/devrev-local-api

token="demo-$(date +%s)-$RANDOM"
# DEVREV_DEMO_LATENCY (such as 100ms) delays every response like a remote API.
"$work/devrev-local-api" -addr 127.0.0.1:0 -count 400 -seed 42 -token "$token" -addr-file "$work/addr" \
  -latency "${DEVREV_DEMO_LATENCY:-0s}" 2>"$work/api.log" &
api_pid=$!
for _ in $(seq 100); do
  [ -s "$work/addr" ] && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$work/api.log" >&2; exit 1; }
  sleep 0.1
done
endpoint=$(cat "$work/addr")

cat >"$work/dev.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/seed-19167fad/devrev" = "$work/bin"
    "registry.opentofu.org/seed-19167fad/devrev" = "$work/bin"
  }
  direct {}
}
CFG
cp examples/report/*.tf "$work/"

echo "CLI:       $(TF_CLI_CONFIG_FILE="$work/dev.tfrc" "$cli" version | sed -n 1p) ($cli)"
echo "Provider:  this checkout's build, through dev_overrides"
echo "Endpoint:  $endpoint (local DevRev API: 400 engagements, the newest from yesterday)"
echo "Config:    examples/report/main.tf, applied; its summary output:"
echo

cd "$work"
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" DEVREV_ENDPOINT="$endpoint" DEVREV_TOKEN="$token" CHECKPOINT_DISABLE=1
if ! "$cli" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1; then
  # Drop the warning that every dev_overrides run prints (it ends with
  # "...published releases."); keep the rest, errors included.
  awk '
    /^Warning: Provider development overrides are in effect/ { skip = 1 }
    skip { if (/releases\.$/) skip = 0; next }
    { print }
  ' "$work/apply.log" >&2
  echo "The apply failed; the local DevRev API is stopped." >&2
  exit 1
fi
"$cli" output -no-color -raw summary
echo
echo
echo "Stopped the local DevRev API; nothing is left running."
