#!/usr/bin/env bash
# Installs what building and testing the web app needs, on Debian 12.
# Idempotent: checks each tool's version and installs only what is missing or
# wrong, so a second run takes seconds. Installing Chromium needs root (or sudo).
#
#   wasm32 target, trunk 0.21.14, wasm-bindgen-cli (= Cargo.lock's wasm-bindgen),
#   wasm-opt from npm binaryen@132 (into ./tools), Chromium (Debian),
#   playwright-core (package-lock.json), the crates (cargo fetch, for offline builds).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PLSWEB_ROOT"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

skipped=()
installed=()
skip() { skipped+=("$1"); }
did() { installed+=("$1"); echo "setup: installed $1"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "setup: '$*' needs root" >&2; exit 1
  fi
}

apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  echo "setup: Rust (rustup, stable) is not installed; see https://rustup.rs" >&2
  exit 1
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
  did "nodejs npm (Debian)"
else
  skip "node $(node --version)"
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "rust target wasm32-unknown-unknown"
else
  rustup target add wasm32-unknown-unknown
  did "rust target wasm32-unknown-unknown"
fi

if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  skip "trunk $TRUNK_VERSION"
else
  # trunk 0.22 needs a newer rustc than stable; --locked is fine for trunk.
  cargo install trunk --version "$TRUNK_VERSION" --locked
  did "trunk $TRUNK_VERSION"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock, or Trunk
# tries to download one. --locked fails (a pinned dependency is missing from
# the registry), so it is installed without.
WB_VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$WB_VERSION" ]; then
  echo "setup: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WB_VERSION" ]; then
  skip "wasm-bindgen-cli $WB_VERSION"
else
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force
  did "wasm-bindgen-cli $WB_VERSION"
fi

# Debian's binaryen (108) and `cargo install wasm-opt` (116) cannot read
# current wasm-bindgen output; npm's binaryen package carries the binary.
if tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
  skip "wasm-opt $BINARYEN_VERSION (tools/)"
else
  mkdir -p tools
  npm install --prefix tools --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  did "wasm-opt $BINARYEN_VERSION (tools/)"
fi

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  skip "chromium ($(/usr/bin/chromium --version 2>/dev/null | head -n1)) and chromedriver"
else
  apt_install chromium chromium-driver
  did "chromium chromium-driver (Debian)"
fi

want_pw="$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")"
have_pw="$(node -p "try { require('./node_modules/playwright-core/package.json').version } catch { '' }")"
if [ "$want_pw" = "$have_pw" ]; then
  skip "playwright-core $have_pw"
else
  npm ci --no-audit --no-fund
  did "npm packages (playwright-core $want_pw)"
fi

# Trunk builds offline (Trunk.toml), so the crates must be on disk.
cargo fetch --quiet

if [ ${#skipped[@]} -gt 0 ]; then
  printf 'setup: already there: %s\n' "$(IFS=,; echo "${skipped[*]}" | sed 's/,/, /g')"
fi
if [ ${#installed[@]} -eq 0 ]; then
  echo "setup: nothing to install"
fi
