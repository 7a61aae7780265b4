#!/usr/bin/env bash
# Builds the pinned Terraform and OpenTofu CLIs from the Go module proxy into a
# cache outside the repository, and prints `NAME=PATH` lines for the ones asked
# for. Nothing is downloaded from HashiCorp or OpenTofu release sites: this
# machine (and CI) reach only the Go module proxy.
#
#   tools/install-clis.sh terraform tofu
#
# A CLI already built is reused; delete the cache folder to rebuild.
set -euo pipefail

TERRAFORM_VERSION=1.5.7   # the last MPL-licensed Terraform
TOFU_VERSION=1.12.6

cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-devrev/clis"
# Bump when the way a CLI is built changes, so that caches are rebuilt.
build_rev=2
mkdir -p "$cache"

build_terraform() {
  local dir="$cache/terraform-$TERRAFORM_VERSION"
  if [ ! -x "$dir/terraform" ]; then
    echo "building terraform $TERRAFORM_VERSION from the Go module proxy (about 2 minutes)..." >&2
    mkdir -p "$dir"
    GOBIN="$dir" GOFLAGS=-mod=mod go install "github.com/hashicorp/terraform@v$TERRAFORM_VERSION" >&2
  fi
  echo "terraform=$dir/terraform"
}

build_tofu() {
  local dir="$cache/tofu-$TOFU_VERSION-r$build_rev"
  if [ ! -x "$dir/tofu" ]; then
    echo "building tofu $TOFU_VERSION from the Go module proxy (about 4 minutes)..." >&2
    # OpenTofu's go.mod has a replace directive, so `go install` refuses it:
    # build from a writable copy of the module source instead.
    local src tmp
    src=$(cd "$cache" && GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -n "$src" ] || { echo "could not download github.com/opentofu/opentofu@v$TOFU_VERSION" >&2; exit 1; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    cp -R "$src/." "$tmp/"
    chmod -R u+w "$tmp"
    mkdir -p "$dir"
    # version.dev=no makes it report "1.12.6" as a release build does,
    # rather than "1.12.6-dev".
    (cd "$tmp" && go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
      -o "$dir/.tofu.partial.$$" ./cmd/tofu) >&2
    # A name of its own per build, renamed into place within the folder:
    # two builds at once (make test and make demo, say) cannot trip over
    # each other's half-written binary.
    mv "$dir/.tofu.partial.$$" "$dir/tofu"
  fi
  echo "tofu=$dir/tofu"
}

[ $# -gt 0 ] || set -- terraform tofu
for cli in "$@"; do
  case "$cli" in
    terraform) build_terraform ;;
    tofu) build_tofu ;;
    *) echo "unknown CLI: $cli (want terraform or tofu)" >&2; exit 2 ;;
  esac
done
