#!/usr/bin/env bash
# Builds the pinned Go developer tools (doc generator, linter, release tool)
# from the Go module proxy into a cache outside the repository, and prints
# `NAME=PATH` lines for the ones asked for, like tools/install-clis.sh does
# for the Terraform and OpenTofu CLIs.
#
#   tools/install-tools.sh tfplugindocs golangci-lint goreleaser
#
# Why `go install module@version` into a cache, not `tool` lines in a go.mod:
# each tool is then built with exactly the dependency versions its own go.mod
# pins (and the checksum database verifies), as its authors tested it. One
# shared tools module would make Go pick one version of every dependency for
# all three tools together (goreleaser alone brings hundreds of modules), so a
# linter could end up built against versions it was never tested with, and
# bumping one tool would silently move the others. Nothing here touches the
# root go.mod, and nothing is fetched except from the Go module proxy.
#
# A tool already built is reused, so a second run costs nothing; delete the
# cache folder to rebuild. The cache key includes the Go version because a
# golangci-lint built by an older Go refuses to analyse code for a newer one.
set -euo pipefail

# The pinned versions: change them here and only here.
TFPLUGINDOCS_VERSION=v0.25.0   # the newest the module proxy serves here
GOLANGCI_LINT_VERSION=v2.15.0
GORELEASER_VERSION=v2.15.1     # v2.18+ needs a newer Go than the project's

cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-devrev/tools"
goversion=$(go env GOVERSION)

# install NAME PACKAGE VERSION: build PACKAGE@VERSION into the cache unless
# it is already there, then print NAME=PATH.
install() {
  local name=$1 pkg=$2 version=$3
  local dir="$cache/$name-$version-$goversion"
  local bin="$dir/$name"
  if [ ! -x "$bin" ]; then
    echo "building $name $version with $goversion from the Go module proxy (first run only)..." >&2
    mkdir -p "$dir"
    # Build into a scratch folder and move the binary in at the end, so an
    # interrupted build never leaves a half-written tool that looks cached.
    local tmp
    tmp=$(mktemp -d "$dir/.partial.XXXXXX")
    # -mod=mod: `pkg@version` ignores the current module anyway, but a
    # GOFLAGS=-mod=vendor in the caller's environment would make it fail.
    # Run outside the repository so no go.work or go.mod around it applies.
    echo "+ GOBIN=$tmp go install $pkg@$version" >&2
    if ! (cd "$tmp" && GOBIN="$tmp" GOFLAGS=-mod=mod GOWORK=off go install "$pkg@$version") >&2; then
      rm -rf "$tmp"
      echo "could not build $pkg@$version" >&2
      exit 1
    fi
    mv "$tmp/$name" "$bin"
    rm -rf "$tmp"
  fi
  echo "$name=$bin"
}

[ $# -gt 0 ] || set -- tfplugindocs golangci-lint goreleaser
for tool in "$@"; do
  case "$tool" in
    tfplugindocs)
      install tfplugindocs github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs "$TFPLUGINDOCS_VERSION" ;;
    golangci-lint)
      install golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$GOLANGCI_LINT_VERSION" ;;
    goreleaser)
      install goreleaser github.com/goreleaser/goreleaser/v2 "$GORELEASER_VERSION" ;;
    *)
      echo "unknown tool: $tool (want tfplugindocs, golangci-lint or goreleaser)" >&2
      exit 2 ;;
  esac
done
