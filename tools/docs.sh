#!/usr/bin/env bash
# Generates the provider documentation in docs/ with tfplugindocs, or checks
# that docs/ and the examples are current.
#
#   tools/docs.sh generate   # format examples/, regenerate docs/ (make docs)
#   tools/docs.sh check      # fail when docs/ or examples/ are stale (make docs-check)
#
# docs/ is rendered from three sources: the schema's MarkdownDescription
# strings (in internal/provider), the page templates in templates/, and the
# Terraform files in examples/. A data source without a template gets
# tfplugindocs' default page, so adding one needs no template to be documented.
#
# Works on a fresh clone with only Go installed: Terraform and OpenTofu are
# built from the Go module proxy by tools/install-clis.sh, and tfplugindocs runs through
# `go tool` from its own pinned module (tools/tfplugindocs/go.mod; see
# CONTRIBUTING.md), which Go builds once and caches.
set -euo pipefail

usage() { echo "usage: $0 generate|check" >&2; exit 2; }
[ $# -eq 1 ] || usage
mode=$1
case "$mode" in generate|check) ;; *) usage ;; esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# run prints a command before running it, so a failure in CI shows what failed.
run() { printf '+ %s\n' "$*" >&2; "$@"; }

terraform=$(tools/install-clis.sh terraform | sed -n 's/^terraform=//p')
[ -x "$terraform" ] || { echo "could not install terraform" >&2; exit 1; }
# The schema and `fmt` come from OpenTofu: the pinned Terraform (1.5.7) has no
# provider-defined functions, so it neither lists them in the schema nor
# parses `provider::devrev::...` calls in the examples.
tofu=$(tools/install-clis.sh tofu | sed -n 's/^tofu=//p')
[ -x "$tofu" ] || { echo "could not install tofu" >&2; exit 1; }
tfplugindocs() { go tool -modfile="$root/tools/tfplugindocs/go.mod" tfplugindocs "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Terraform reads its CLI configuration from TF_CLI_CONFIG_FILE (the caller's
# may point anywhere, or at a file that is missing); use our own throughout,
# and keep Terraform from phoning home for a version check.
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export CHECKPOINT_DISABLE=1
# tfplugindocs never needs Terraform below (it is given the schema), but put
# the pinned one first on PATH anyway, so that nothing can fall back to
# downloading another.
PATH="$(dirname "$terraform"):$PATH"
export PATH

# 1. The provider schema, as OpenTofu sees it (functions included).
#
# tfplugindocs could build the provider and ask Terraform for the schema
# itself, but when it finds no terraform on PATH it downloads the latest
# release from HashiCorp (and --tf-version always downloads). Handing it the
# schema with --providers-schema skips all of that: we build the provider and
# run the pinned OpenTofu ourselves. dev_overrides makes Terraform use the
# binary just built without `terraform init` or any registry.
#
# The provider is declared as hashicorp/devrev here only because that is the
# source tfplugindocs looks the schema up by (the binary does not care which
# address it is started under); users still write seed-19167fad/devrev.
# OpenTofu names it registry.opentofu.org/hashicorp/devrev, and tfplugindocs
# only looks under registry.terraform.io, so the key is renamed below.
run go build -o "$work/bin/terraform-provider-devrev" .
cat >"$TF_CLI_CONFIG_FILE" <<EOF
provider_installation {
  dev_overrides {
    "registry.opentofu.org/hashicorp/devrev" = "$work/bin"
  }
}
EOF
mkdir -p "$work/schema"
cat >"$work/schema/main.tf" <<'EOF'
terraform {
  required_providers {
    devrev = { source = "hashicorp/devrev" }
  }
}
EOF
printf '+ %s\n' "$tofu -chdir=$work/schema providers schema -json > $work/schema.json" >&2
"$tofu" -chdir="$work/schema" providers schema -json >"$work/schema.opentofu.json"
sed 's#"registry\.opentofu\.org/hashicorp/devrev"#"registry.terraform.io/hashicorp/devrev"#' \
  "$work/schema.opentofu.json" >"$work/schema.json"
grep -q '"registry.terraform.io/hashicorp/devrev"' "$work/schema.json" ||
  { echo "the schema from $tofu does not name registry.opentofu.org/hashicorp/devrev" >&2; exit 1; }

# render DIR: run tfplugindocs on the templates/, examples/ and docs/ in DIR.
# It regenerates the pages it manages (index.md, data-sources/, resources/,
# guides/, ...) and leaves any other file in docs/ alone.
render() {
  run tfplugindocs generate \
    --provider-dir "$1" \
    --provider-name devrev \
    --rendered-provider-name DevRev \
    --providers-schema "$work/schema.json"
}

# validate DIR: check DIR/docs against the Terraform Registry's rules (front
# matter, file names, a page for every data source, size limits), which a
# template can break without tfplugindocs generate noticing.
validate() {
  run tfplugindocs validate \
    --provider-dir "$1" \
    --provider-name devrev \
    --providers-schema "$work/schema.json"
}

if [ "$mode" = generate ]; then
  # Pages embed the examples, so format those first.
  run "$tofu" fmt -recursive examples/
  render "$root"
  validate "$root"
  echo "docs/ regenerated." >&2
  exit 0
fi

# check: render into a copy of the sources and compare, so that the work tree
# is never modified, even when the check fails or is interrupted.
stale=0

# docs/ is what the registry publishes: the provider page and the folders of
# pages it renders. Anything else (notes for contributors, benchmark reports)
# belongs elsewhere, and tfplugindocs would keep it silently.
strays=$(find docs -mindepth 1 -maxdepth 1 \
  ! -name index.md ! -name data-sources ! -name resources ! -name guides \
  ! -name functions ! -name ephemeral-resources ! -name list-resources ! -name actions -print)
if [ -n "$strays" ]; then
  echo "ERROR: docs/ holds what the registry does not render; move it out (CONTRIBUTING.md, tools/):" >&2
  printf '  %s\n' $strays >&2
  stale=1
fi

if ! run "$tofu" fmt -check -diff -recursive examples/; then
  echo >&2
  echo "ERROR: the examples listed above are not formatted; run 'make docs' (or 'tofu fmt -recursive examples/')." >&2
  stale=1
fi

# The copy holds the current docs/ too: tfplugindocs keeps the files it does
# not manage, so only generated pages can differ.
site="$work/site"
mkdir -p "$site" "$work/current/docs"
for dir in templates examples docs; do
  if [ -d "$dir" ]; then
    cp -R "$dir" "$site/"
  fi
done
if [ -d docs ]; then
  cp -R docs/. "$work/current/docs/"
fi
mkdir -p "$site/docs"
render "$site"
if ! validate "$site"; then
  echo "ERROR: the generated docs break the Registry's rules (see above); fix templates/ or the schema descriptions." >&2
  stale=1
fi

if ! (cd "$work" && diff -r -q current/docs site/docs) >"$work/diff.txt"; then
  echo >&2
  echo "ERROR: docs/ is stale: it differs from what 'make docs' generates from the schema, templates/ and examples/:" >&2
  while IFS= read -r line; do
    case "$line" in
      "Files current/"*) f=${line#Files current/}; echo "  changed:  ${f%% and *}" ;;
      "Only in current/"*) d=${line#Only in current/}; echo "  obsolete: ${d%%: *}/${d#*: } (no longer generated)" ;;
      "Only in site/"*) d=${line#Only in site/}; echo "  missing:  ${d%%: *}/${d#*: } (not generated yet)" ;;
      *) echo "  $line" ;;
    esac
  done <"$work/diff.txt" >&2
  echo >&2
  # The differences themselves, as `git diff` would show them after 'make docs'.
  (cd "$work" && diff -r -u -N current/docs site/docs | sed -e "/^diff -r/d" -e 's#^--- current/#--- #' -e 's#^+++ site/#+++ #') >&2 || true
  echo >&2
  echo "Run 'make docs' and commit docs/." >&2
  stale=1
fi

if [ "$stale" -ne 0 ]; then
  exit 1
fi
echo "docs/ and examples/ are up to date." >&2
