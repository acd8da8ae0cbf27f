#!/usr/bin/env bash
# Does a change keep every output the same? Builds the command line at a base
# revision (default: origin/main, else HEAD~1) and at the working tree, runs
# both on every reference case in tests/reference with several settings
# (JSON and text tables in both languages, bootstrap included), renders every
# report output of each result (tables as text, CSV and TSV, the workbook,
# the methods paragraph, the path diagram, slope plots and histograms, in
# both languages) with examples/report_dump.rs built at each revision, and
# diffs the outputs. Exit code 0 when every output is byte-identical.
#
#   scripts/same-output.sh [BASE_REV]
#
# Outputs stay in target/same-output/{base,new}/ for a closer look.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
base_rev=${1:-$(git rev-parse --verify -q origin/main || git rev-parse HEAD~1)}
work=$root/target/same-output
mkdir -p "$work"

# The base revision in a worktree of its own, built with its own target dir.
base_tree=$work/base-tree
if [ -d "$base_tree" ]; then
  git -C "$base_tree" checkout -q --detach "$base_rev"
else
  git worktree add -q --detach "$base_tree" "$base_rev"
fi
echo "same-output: building base $(git -C "$base_tree" rev-parse --short HEAD) and the working tree"
(cd "$base_tree" && CARGO_TARGET_DIR=$work/base-target cargo build -q --bin plsweb)
cargo build -q --bin plsweb
base_bin=$work/base-target/debug/plsweb
new_bin=$root/target/debug/plsweb

# Settings per run: name and arguments.
runs=(
  "smartpls|--bootstrap 300 --seed 7"
  "seminr|--preset seminr --bootstrap 200"
  "bca|--bootstrap 200 --ci bca --p-value normal --blindfold 5"
  "plsc|--consistent --bootstrap 100 --scheme factorial"
  "casewise|--missing casewise --bootstrap 100 --moderation product-indicator"
  "noboot|--bootstrap 0 --moderation orthogonal --interaction-scaling rescaled"
  "onetail|--bootstrap 150 --tails one --significance interval --alpha 0.1 --p-value empirical"
)

run_all() { # bin outdir
  local bin=$1 out=$2
  rm -rf "$out"; mkdir -p "$out"
  for dir in "$root"/tests/reference/*/; do
    local case; case=$(basename "$dir")
    local code=()
    grep -q '"missing_value_code": *-99' "$dir/model.json" && code=(--missing-code -99)
    for r in "${runs[@]}"; do
      local name=${r%%|*} args=${r#*|}
      # shellcheck disable=SC2086
      "$bin" analyze "$dir/data.csv" --model "$dir/model.json" "${code[@]}" $args --threads 2 --format json > "$out/$case.$name.json" 2> "$out/$case.$name.err" || true
      for lang in en id; do
        # shellcheck disable=SC2086
        "$bin" analyze "$dir/data.csv" --model "$dir/model.json" "${code[@]}" $args --threads 2 --lang $lang > "$out/$case.$name.$lang.txt" 2>> "$out/$case.$name.err" || true
      done
    done
  done
  # errors in both languages, from the bad-input catalogue's files
  for f in "$root"/tests/catalogue/files/*; do
    for lang in en id; do
      "$bin" analyze "$f" --model "X =~ x1 + x2 + x3
M =~ m1 + m2 + m3
Y =~ y1 + y2 + y3
Y ~ X + M + X*M" --bootstrap 0 --lang $lang > /dev/null 2>> "$out/catalogue.$lang.err" || true
    done
  done
}

run_all "$base_bin" "$work/base"
run_all "$new_bin" "$work/new"

# The report layer's outputs, each revision rendering its own result files
# (compared above) with the working tree's examples/report_dump.rs; a base
# without that file borrows it for the build and gives it back.
dump=examples/report_dump.rs
borrowed=
if [ ! -e "$base_tree/$dump" ]; then cp "$root/$dump" "$base_tree/$dump"; borrowed=1; fi
(cd "$base_tree" && CARGO_TARGET_DIR=$work/base-target cargo run -q --example report_dump -- "$work/base" "$work/base/report")
if [ -n "$borrowed" ]; then rm "$base_tree/$dump"; fi
cargo run -q --example report_dump -- "$work/new" "$work/new/report"
# the version string is allowed to differ
if diff -r "$work/base" "$work/new" > "$work/diff.txt"; then
  echo "same-output: all $(find "$work/new" -type f | wc -l) outputs are byte-identical to $(git -C "$base_tree" rev-parse --short HEAD)"
else
  echo "same-output: outputs differ from $(git -C "$base_tree" rev-parse --short HEAD) (see $work/diff.txt):"
  head -n 60 "$work/diff.txt"
  exit 1
fi
