#!/usr/bin/env bash
# Coverage-guided fuzzing of the reader, the model parser and the whole
# pipeline (fuzz/, a cargo-fuzz crate outside the main package).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 600 s each, all targets
#
# Targets run one after another, single process, at low priority; corpora
# grow in fuzz/corpus/<target>/ (seeded from fuzz/seeds/<target>/), crashes
# land in fuzz/artifacts/<target>/ and the run stops at the first one. Keep a
# crash as a regression test by copying it (minimized: cargo +nightly fuzz
# tmin <target> <file>) to tests/fuzz_corpus/<target>/ and run
#   cargo test --test fuzz_regressions
# Each target's final libFuzzer stats go to fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read model pipeline)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
if ! rustup toolchain list | grep -q '^nightly'; then
    echo "cargo-fuzz needs a nightly toolchain: rustup toolchain install nightly" >&2
    exit 1
fi

# Per-target libFuzzer flags: larger inputs for the reader (XLSX seeds are
# ~2.5 kB), a generous per-input timeout for the pipeline (bootstrap, BCa
# jackknife and blindfolding on up to 40 rows).
flags() {
    case $1 in
        read) echo "-max_len=8192 -timeout=10" ;;
        model) echo "-max_len=2048 -timeout=10" ;;
        pipeline) echo "-max_len=1024 -timeout=30" ;;
    esac
}

mkdir -p logs
status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${secs}s (log: fuzz/logs/$t.log)" >&2
    rc=0
    # -jobs=1 -workers=1: one fuzzing process (its output goes to fuzz-0.log
    # and is copied into the log when it ends), leaving the other core free.
    # shellcheck disable=SC2046
    nice -n 10 cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$secs" -jobs=1 -workers=1 -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" $(flags "$t") >"logs/$t.log" 2>&1 || rc=$?
    grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "logs/$t.log" >&2 || true
    if [ $rc -ne 0 ] || grep -qE 'Test unit written to|panicked at' "logs/$t.log"; then
        echo "!! $t: crash (exit $rc); see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
        grep -E 'panicked at|Test unit written to' "logs/$t.log" >&2 || true
        status=1
    fi
done
exit $status
