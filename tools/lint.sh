#!/usr/bin/env bash
# Runs golangci-lint v2 (the version pinned in tools/install-tools.sh) on the
# whole module with the configuration in .golangci.yml: the linters and the
# gofmt formatter check. Extra arguments go to `golangci-lint run`, for
# example `tools/lint.sh --fix` or `tools/lint.sh ./internal/devrev/...`.
#
# golangci-lint is built from the Go module proxy on first use (there are no
# release downloads here); later runs reuse the cached binary.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

golangci_lint=$(tools/install-tools.sh golangci-lint | sed -n 's/^golangci-lint=//p')
[ -x "$golangci_lint" ] || { echo "could not install golangci-lint" >&2; exit 1; }

# Print the version so that a CI log says which linter judged the code.
echo "+ $golangci_lint version" >&2
"$golangci_lint" version

[ $# -gt 0 ] || set -- ./...
echo "+ $golangci_lint run $*" >&2
"$golangci_lint" run "$@"
