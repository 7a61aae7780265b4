#!/usr/bin/env bash
# The README's test command (`make test`), and what CI runs: formatting,
# vet (for every OS the release ships), unit tests, acceptance tests on
# OpenTofu and Terraform, and the check that docs/ and examples/ are current.
# Needs only Go on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change these files (run make fmt):" >&2
  echo "$unformatted" >&2
  exit 1
fi

echo "==> go vet, for every OS the release ships"
make --no-print-directory vet

echo "==> unit tests"
go test -count=1 -race ./...

echo "==> acceptance tests"
tools/testacc.sh

echo "==> docs and examples"
tools/docs.sh check
