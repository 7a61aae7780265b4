#!/usr/bin/env bash
# Validates .goreleaser.yml with `goreleaser check`, using the goreleaser
# version pinned in tools/install-tools.sh, so that a broken or deprecated
# release configuration is caught before a tag is pushed rather than by the
# release itself. It builds nothing and publishes nothing.
#
# goreleaser is built from the Go module proxy on first use; later runs reuse
# the cached binary.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

goreleaser=$(tools/install-tools.sh goreleaser | sed -n 's/^goreleaser=//p')
[ -x "$goreleaser" ] || { echo "could not install goreleaser" >&2; exit 1; }

echo "+ $goreleaser --version" >&2
"$goreleaser" --version
# `check` exits non-zero on an invalid configuration and on deprecated
# options, so the configuration stays valid for the next goreleaser too.
echo "+ $goreleaser check --config .goreleaser.yml" >&2
"$goreleaser" check --config .goreleaser.yml
