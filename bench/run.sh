#!/usr/bin/env bash
# Speed benchmark: plsweb natively (1 thread, all cores), in headless
# Chromium (1 and 2 Web Workers, bench/browser.mjs) and the peers
# (Python seminr 0.2.1, plspm 0.5.7) on the same cases, in one run.
#   bench/run.sh            full run (about 15 minutes, most of it the peers)
#   bench/run.sh --quick    smaller large case, fewer peer resamples
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
QUICK=${1:-}
REF=tests/reference
PEER_B=100; PLSPM_B=20
[ "$QUICK" = "--quick" ] && { PEER_B=20; PLSPM_B=10; }
mkdir -p target/bench
# peers, each in its own virtualenv (plspm needs the pandas/numpy it was made for)
# (checked by importing what bench/peers.py imports: seminr 0.2.1 does not
# declare pandas, so an environment can have seminr without it)
peer_env() { # dir, modules, packages…
  local dir=$1 mods=$2; shift 2
  [ -x "$dir/bin/python" ] || python3 -m venv "$dir"
  "$dir/bin/python" -c "import $mods" 2>/dev/null || "$dir/bin/pip" install -q "$@"
}
peer_env tools/pyenv seminr,pandas seminr==0.2.1 pandas
peer_env tools/plspmenv plspm,pandas plspm==0.5.7 pandas==2.2.3 numpy==1.26.4
cargo run --release --quiet --example bench -- --json $QUICK > target/bench/ours.jsonl
# PLSpredict 10 folds × 10 repetitions of ECSI against a 100-resample bootstrap
cargo run --release --quiet --example predict_bench -- --json >> target/bench/ours.jsonl
# the command line's peak RSS on the large study (5000 resamples)
cargo build --release --quiet
cargo run --release --quiet --example bench -- --write-large target/bench
for t in 1 0; do
  python3 bench/rss.py "plsweb analyze, threads $t" target/release/plsweb analyze target/bench/cli_large.csv \
    --model target/bench/cli_large.model --bootstrap 5000 --threads $t >> target/bench/ours.jsonl
done
# the web app, release build, timed in headless Chromium
source scripts/env.sh
trunk build --release
node bench/browser.mjs $QUICK > target/bench/browser.jsonl
# "Plan sample size" in the page: 6 sample sizes × 500 replications × 500
# resamples (1.5 million fits; --quick: 50 × 50)
if [ "$QUICK" = "--quick" ]; then node bench/power_browser.mjs 50 50; else node bench/power_browser.mjs; fi | tee target/bench/power_browser.jsonl
tools/pyenv/bin/python bench/peers.py "$REF" "$PEER_B" seminr > target/bench/peers.jsonl
tools/plspmenv/bin/python bench/peers.py "$REF" "$PLSPM_B" plspm >> target/bench/peers.jsonl
python3 bench/table.py target/bench/ours.jsonl target/bench/peers.jsonl target/bench/browser.jsonl
# the multigroup analysis (1000 permutations with MICOM) and the power
# analysis natively, as their own benchmarks print them
cargo run --release --quiet --example mga_bench
cargo run --release --quiet --example power_bench
