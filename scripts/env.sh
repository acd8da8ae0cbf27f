# Sourced by scripts/setup.sh, ./run and ./test: tool paths for this checkout.
# wasm-opt must be npm's binaryen@132 (tools/), ahead of any system binaryen.
PLSWEB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PLSWEB_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
