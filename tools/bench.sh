#!/usr/bin/env bash
# `make bench`: measures the provider's read path and prints a report.
#
#   tools/bench.sh            # print the report
#   tools/bench.sh --write    # also write it to tools/performance.md, put the
#                             # end-to-end and partitioned-read tables into the
#                             # large-reads guide (templates/guides/) and
#                             # regenerate docs/
#
# 1. Go benchmarks in one run (so that their ratios hold on a noisy machine),
#    per engagement, for 1,000, 10,000 and 50,000 engagements:
#      floor  - decode the pages + build the state as tftypes values + msgpack
#      client - the API client paging from the local DevRev API on loopback
#      read   - the whole ReadDataSource RPC through the provider's server
#      read (framework only) - the same RPC answered by the plugin framework
#    and the floor and read of devrev_accounts, at 1,000 and 10,000.
# 2. End to end: OpenTofu plans configurations reading 10,000 and 50,000
#    engagements from the local API; wall time, provider peak RSS, state size.
# 3. Partitioned reads: 10,000 engagements with 100 ms per request, one
#    sequential paging loop against the provider's plan (fails above 0.5x the
#    loop's time or 1.15x its requests), the same plan using the data, and
#    without latency; then the client alone under several max_concurrency.
#    The same table for 10,000 works, split by type (fails when the client's
#    sorted read takes above 0.35x the loop's time or 1.15x its requests).
# 4. What a read costs, on OpenTofu and Terraform: 10,000 engagements with
#    one output using the list, the default read, a report-sized
#    selection (`attributes`) and the floor (`attributes = ["id"]`), against the `external` data source running a
#    curl/jq paging loop; state bytes per engagement, plan and apply wall
#    time, the CLI's peak RSS. Installs jq and curl (apt-get, as root) and
#    builds terraform-provider-external (see build_external) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

write=false
[ "${1:-}" = "--write" ] && write=true

clis=$(tools/install-clis.sh terraform tofu) # fails the script if the install fails
eval "$clis"
. tools/cli-env.sh
tofu_version=$("$tofu" version | sed -n 1p) # not head: see terraform_version
terraform_version=$("$terraform" version | sed -n 1p) # sed reads it all: head would end it with SIGPIPE

# The alternative without this provider needs jq and curl; a fresh Debian or
# Ubuntu machine has neither, and root may install them.
if ! command -v jq >/dev/null || ! command -v curl >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing jq and curl" >&2
    apt-get update -qq >&2 && apt-get install -y -qq jq curl >&2
  else
    echo "bench.sh needs jq and curl for the external + curl/jq comparison: install them" >&2
    exit 1
  fi
fi

# build_external prints the folder holding terraform-provider-external
# $EXTERNAL_VERSION, built once into the cache (never into the repository)
# and used through dev_overrides. The Go module proxy does not serve it (its
# module path has no /v2 for its v2 tags), so it is built from a clone of
# its source, or from DEVREV_BENCH_EXTERNAL_SRC, a checkout of that tag
# (for machines that reach no GitHub); its dependencies come from the proxy.
EXTERNAL_VERSION=v2.4.0
build_external() {
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-devrev/external-$EXTERNAL_VERSION"
  if [ ! -x "$dir/terraform-provider-external" ]; then
    local src="${DEVREV_BENCH_EXTERNAL_SRC:-}"
    if [ -z "$src" ]; then
      src="$work/external-src"
      git clone -q --depth 1 --branch "$EXTERNAL_VERSION" https://github.com/hashicorp/terraform-provider-external "$src" >&2 ||
        return 1
    fi
    echo "building terraform-provider-external $EXTERNAL_VERSION from $src" >&2
    mkdir -p "$dir"
    (cd "$src" && GOFLAGS=-mod=mod go build -o "$dir/.partial.$$" .) >&2 || return 1
    mv "$dir/.partial.$$" "$dir/terraform-provider-external"
  fi
  echo "$dir"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "==> Go benchmarks (a few minutes)" >&2
go test -run '^$' -bench '^Benchmark(Floor|Client|Read|ReadFramework|FloorAccounts|ReadAccounts)$' -benchmem -count 1 -timeout 60m \
  ./internal/provider/ | tee "$work/bench.txt" >&2

echo "==> end to end with $tofu_version" >&2
DEVREV_BENCH_E2E=1 DEVREV_BENCH_OUT="$work/e2e.md" TF_ACC_TERRAFORM_PATH="$tofu" \
  TF_ACC_PROVIDER_HOST=registry.opentofu.org \
  go test -count=1 -run '^TestBenchEndToEnd$' -timeout 30m ./internal/provider/ >&2

echo "==> partitioned reads, 100 ms per request" >&2
# A plan slower than the bar fails the test, but the report is still written
# (a busy machine slows the CLI, not the read); make bench fails at the end.
partitioned=0
DEVREV_BENCH_E2E=1 DEVREV_BENCH_PARTITION_OUT="$work/partition.md" TF_ACC_TERRAFORM_PATH="$tofu" \
  DEVREV_BENCH_CONCURRENCY_OUT="$work/concurrency.md" DEVREV_BENCH_PARTITION_WORKS_OUT="$work/partition-works.md" \
  go test -count=1 -run '^TestBenchPartitioned(Works|Concurrency)?$' -timeout 30m ./internal/provider/ >&2 || partitioned=1

echo "==> what a read costs: default, a selection, external + curl/jq" >&2
external=$(build_external) || {
  external=""
  echo "could not build terraform-provider-external $EXTERNAL_VERSION: the comparison is left out" >&2
}
for cli in tofu terraform; do
  bin=${!cli} host=registry.terraform.io
  [ "$cli" = tofu ] && host=registry.opentofu.org
  DEVREV_BENCH_E2E=1 DEVREV_BENCH_SELECTION_OUT="$work/selection-$cli.md" DEVREV_BENCH_EXTERNAL="$external" \
    TF_ACC_TERRAFORM_PATH="$bin" TF_ACC_PROVIDER_HOST=$host \
    go test -count=1 -run '^TestBenchSelection$' -timeout 30m ./internal/provider/ >&2
done
selection=$(cat <<MD
10,000 engagements from the local DevRev API on loopback (\`parent\`,
\`members\` and user summaries as it serves them), pages of 100, a
configuration with one output that uses the list (\`length(...)\`). *plan*
is \`plan\`'s wall time; *apply* is \`apply -auto-approve\` (it reads
again, then writes the state), its wall time and the CLI's peak RSS (its
children, the providers, included); state bytes are the state file's size
per engagement. The \`external\` line reads the same engagements with the
\`hashicorp/external\` data source ($EXTERNAL_VERSION) running a curl/jq
paging loop (internal/provider/bench_selection_e2e_test.go), the answer one
JSON string decoded by \`jsondecode\` in the output. Each line is the best
of three rounds (the lowest apply time), the three configurations taking
turns: other work on a shared machine only ever adds time.

$tofu_version:

$(cat "$work/selection-tofu.md")

$terraform_version:

$(cat "$work/selection-terraform.md")
MD
)

# One row per benchmark: the per-engagement cost, and read/floor per size.
table=$(awk '
  /^Benchmark/ {
    split($1, part, "/"); name = part[1]; sub(/^Benchmark/, "", name)
    n = part[2]; sub(/-[0-9]+$/, "", n)
    for (i = 2; i <= NF; i++) {
      if ($(i+1) == "ns/eng") ns = $i
      if ($(i+1) == "B/op") bytes = $i
      if ($(i+1) == "allocs/op") allocs = $i
    }
    label = (name == "Floor") ? "floor" : (name == "Client") ? "client" : (name == "Read") ? "read" : (name == "ReadFramework") ? "read, framework only" : (name == "FloorAccounts") ? "floor, accounts" : "read, accounts"
    printf "| %s | %d | %.1f | %.0f | %.0f |\n", label, n, ns / 1000, bytes / n, allocs / n
    cost[name, n] = ns
    if (!(n in seen) && name !~ /Accounts$/) { seen[n] = 1; order[++count] = n }
    if (name == "ReadAccounts") accounts[++naccounts] = n
  }
  END {
    print ""
    print "| engagements | read / floor | framework read / floor |"
    print "|---:|---:|---:|"
    for (i = 1; i <= count; i++) {
      n = order[i]
      fw = ((("ReadFramework", n) in cost) ? sprintf("%.2f", cost["ReadFramework", n] / cost["Floor", n]) : "not run")
      printf "| %d | %.2f | %s |\n", n, cost["Read", n] / cost["Floor", n], fw
    }
    print ""
    print "| accounts | read / floor |"
    print "|---:|---:|"
    for (i = 1; i <= naccounts; i++) { n = accounts[i]; printf "| %d | %.2f |\n", n, cost["ReadAccounts", n] / cost["FloorAccounts", n] }
  }' "$work/bench.txt")

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
report=$(cat <<MD
# Performance

Terraform reads a data source again on every plan, so what the provider
spends per engagement is paid on every plan. This page holds one run of
\`make bench\` (\`tools/bench.sh --write\`); run it yourself to compare.
The end-to-end table also goes into the users' guide on large reads
(templates/guides/large-reads.md.tmpl, rendered to docs/guides/); this page
is for contributors and stays out of docs/, which the registry publishes.

- Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-)
- CLIs: $tofu_version (every table); $terraform_version (what a read costs); built by tools/install-clis.sh
- Date: $(date -u +%Y-%m-%d)

## Per engagement

Go benchmarks, one run; µs, bytes and allocations per engagement.
*floor* decodes pages already in memory, builds the state as \`tftypes\`
values and encodes it with tftypes (what a provider must do that skips the
framework but not tftypes); *client* pages from the local
DevRev API over loopback; *read* is the whole \`ReadDataSource\` RPC through
the provider's server, HTTP and msgpack included; *read, framework only* is
the same RPC answered by terraform-plugin-framework alone, which the
provider's protocol-level read path (internal/provider/protocol_server.go)
avoids.

| path | engagements | µs | bytes | allocations |
|---|---:|---:|---:|---:|
$table

## End to end

OpenTofu plans a configuration whose \`devrev_engagements\` reads every
engagement from the local DevRev API (pages of 100), then applies the saved
plan to write the state. Wall time of the plan; peak RSS of the provider
process; size of the state file.

$(cat "$work/e2e.md")

## What a read costs

$selection

## Partitioned reads

Against a remote API every page is a round trip. The local DevRev API is
given 100 ms per request; a whole read sorted by \`created_date:desc\` is
timed as one sequential paging loop written by hand, and as OpenTofu plans
through the provider, which reads it in parallel parts by engagement type
(docs/guides/large-reads.md). The plan's time includes OpenTofu's own; the
bar (at most half the loop's time, 1.15 times its requests) applies to the
plan that reads, as the loop only fetches. A plan that also uses the data
pays OpenTofu's decoding of its state once more, however the data was read.

$(cat "$work/partition.md")

The client alone (no CLI), reading the same engagements under several caps
on requests in flight (\`max_concurrency\`; the default is 16):

$(cat "$work/concurrency.md")

Works are read in parts by type the same way (four parts, the tickets the
largest). The bar (at most 0.35 times the loop's time, 1.15 times its
requests) applies to the client's read, the second line: OpenTofu's own
time for 10,000 works, the plan without latency, is a large share of the
loop's by itself.

$(cat "$work/partition-works.md")

## What the profiles show

(From \`-cpuprofile\` and \`-memprofile\` of \`BenchmarkRead\` and
\`BenchmarkReadFramework\` while the read path was built; this section is
fixed text, the tables above are measured on every run.)

- Through the framework alone, \`ReadDataSource\` spends most of its time
  after \`Read\` returns: reifying null collections with a schema lookup per
  value, a semantic-equality pass that rebuilds the list as attribute values,
  a deep comparison and a copy. That fixed cost is several times the floor
  whatever \`Read\` does, so the provider answers this one RPC at the
  protocol level and leaves every other RPC (schema, validation, provider
  configuration, the small data sources) to the framework.
- The floor builds a \`tftypes.Value\` tree per engagement and encodes it
  with tftypes' msgpack encoder, which allocates a map and an interface per
  attribute, sorts each object's attribute names and allocates an attribute
  path for every value it writes. The provider skips all of it: each item is
  written as msgpack straight from the decoded page, by encoders derived
  from the same field declarations as the schema (internal/provider/object.go),
  checked byte for byte against tftypes' encoding. That is why *read* is a
  fraction of *floor*: what is left is mostly JSON decoding of the pages.
- Every response body is checked for the token before anything quotes it.
  A regular expression run over every page cost a fifth of a read's CPU
  time; a body is now scanned only when it holds the token or the word
  "bearer" (internal/devrev/redact.go).
- A whole read used to take turns: ask for a page, wait, decode it, ask
  for the next. Profiling OpenTofu's apply of 10,000 engagements with
  \`perf\` (the CLI, the provider and the local API together) showed the
  provider's read at about 0.4 s of one core, with the other core mostly
  idle, and the CLI waiting. Three changes took it to about 0.27 s
  (internal/devrev: pages.go, page_decoding.go, body.go): the loop reads
  only a page's head (its cursor and item count) before it asks for the
  next page, and the items decode meanwhile on the other core; a page
  decodes each distinct user or parent summary once (its 100 items name
  a few dozen), which cut the allocations of a read from 716,000 to
  289,000; and bodies are read into buffers sized by Content-Length and
  used again, which halved the bytes a read allocates (the memory had
  been cleared, faulted in and collected for every page).
- Peak RSS: encoding the whole state as one value kept every engagement's
  tree alive at once — 767 MiB for 50,000 engagements under OpenTofu. The
  state is now encoded one engagement at a time (state_msgpack.go), which
  brought that to about 400 MiB: the decoded pages, the encoded state and
  the copy gRPC makes of it.
- The CLI's own work (decoding the state, evaluating outputs, writing the
  state file) grows with the state too: most of the end-to-end plan time at
  50,000 engagements is OpenTofu's, not the provider's.
- What the CLI pays per attribute and per nested object: measured apart
  from this script with \`/usr/bin/time\` (10,000 engagements, OpenTofu
  1.12.6, \`apply\` with one output using the list; peak RSS, which a busy
  machine moves far less than time). An empty configuration's apply peaks
  at 80 MiB in 0.3 s; the external + curl/jq alternative at 540-680 MiB.
  With user summaries nested in every item, the default read peaked at
  475-494 MiB: fewer fields per summary helped little (three fields 373
  MiB, \`id\` alone 348 MiB), because each nested object costs the CLI a
  map of its own in every copy of the state, null fields included. Users
  as ids with one \`users\` map: 257-287 MiB; descriptions then a third of
  the state (about 50 MiB); parents as ids with one \`parents\` map: the
  report-sized selection from 2.7 s to 2.3 s. \`attributes = ["id"]\`
  still costs 133-171 MiB and about 2 s, 633 bytes of state per
  engagement: a null attribute keeps a slot in every copy, so the floor of
  a list is its schema's width.

## Other measurements

(Fixed text, measured once as each line says and cited by comments in the
code; re-measure by the method given.)

- Answer sizes: the local DevRev API's engagements
  (\`devrev-local-api -count 10000 -seed-date 2026-12-01\`), read whole with
  curl in pages of 100 (\`limit: 100\`, following \`next_cursor\`), are 100
  pages of 179 to 200 KB each, 18.9 MB in all. The CLI's peak RSS for the
  default read of the same engagements (*What a read costs*) is more than
  ten times that.
- The local API's \`New\` (internal/localapi/server.go) generates and renders
  every object at once: \`go test -bench BenchmarkNew50k -benchtime 3x
  ./internal/localapi/\` took 0.72 s per \`New\` of 50,000 engagements (and the
  other objects' defaults) on the machine above, under other work. Before
  engagements were rendered by the hand-written encoder (render.go),
  encoding/json alone took most of a second for the same 50,000 (measured
  when render.go was written).
MD
)
echo "$report"
# replace_block NAME BLOCK IN OUT: IN with what stands between its
# bench:NAME:begin and bench:NAME:end lines replaced by the file BLOCK.
replace_block() {
  awk -v block="$2" -v name="$1" '
    $0 ~ "bench:" name ":begin" { print; while ((getline line < block) > 0) print line; skip = 1; next }
    $0 ~ "bench:" name ":end" { skip = 0 }
    !skip { print }
  ' "$3" >"$4"
  grep -q "bench:$1:end" "$4" || { echo "$3 lost its bench:$1 markers" >&2; exit 1; }
}

if $write; then
  printf '%s\n' "$report" > tools/performance.md
  echo "wrote tools/performance.md" >&2

  # The guide's block between the bench:e2e markers: what was measured, and
  # the end-to-end table. Everything else in the guide is written by hand.
  guide=templates/guides/large-reads.md.tmpl
  {
    cat <<MD
One run of \`make bench\` on $(nproc) cores (${cpu:-unknown CPU}), $tofu_version, against the
repository's local DevRev API on loopback (so no network time), pages of 100,
$(date -u +%Y-%m-%d). Plan wall time of a configuration with one \`devrev_engagements\`
that reads every engagement; peak memory of the provider process; size of the
state file after applying that plan.

MD
    cat "$work/e2e.md"
  } >"$work/block.md"
  replace_block e2e "$work/block.md" "$guide" "$work/guide.tmpl"
  # The partitioned reads' tables between the bench:partition markers.
  {
    cat <<MD
One run of \`make bench\` on $(nproc) cores (${cpu:-unknown CPU}), $tofu_version, $(date -u +%Y-%m-%d):
10,000 engagements sorted by \`created_date:desc\`, against the local API with
100 ms added to every request (\`devrev-local-api -count 10000 -latency 100ms\`).
Wall time of \`tofu plan\`, against a hand-written loop that pages through the
same engagements one request after the other and only fetches:

MD
    sed '1,2d' "$work/partition.md" # its first line says what the paragraph above says
    cat <<MD

The client alone, without a CLI, reading the same engagements under several
caps on requests in flight (\`max_concurrency\`, default 16): from 12 on, each
part is read from both ends. The default stays at 16: beyond it a read
gains a few tenths of a second at most, small next to the CLI's own seconds,
while every request more in flight is a larger burst against DevRev's rate
limit.

MD
    cat "$work/concurrency.md"
  } >"$work/partition-block.md"
  replace_block partition "$work/partition-block.md" "$work/guide.tmpl" "$work/guide2.tmpl"
  {
    cat <<MD
One run of \`make bench\` on $(nproc) cores (${cpu:-unknown CPU}), $(date -u +%Y-%m-%d).
$selection
MD
  } >"$work/selection-block.md"
  replace_block selection "$work/selection-block.md" "$work/guide2.tmpl" "$work/guide3.tmpl"
  cp "$work/guide3.tmpl" "$guide"
  echo "updated $guide; regenerating docs/" >&2
  tools/docs.sh generate >&2
fi
if [ "$partitioned" != 0 ]; then
  echo "a partitioned read missed its bar (engagements' plan at most 0.5x the loop's time, works' client read at most 0.35x; 1.15x its requests): see above" >&2
  exit 1
fi
