#!/usr/bin/env bash
# Installs everything `make demo`, `make test` and `make bench` need, on a fresh Debian machine
# with rustup, cargo, node and npm present. Idempotent: each step is skipped when its result is
# already there, so a second run takes about a second. Nothing is downloaded from GitHub:
# wasm-bindgen and wasm-pack come from crates.io, wasm-opt from npm's binaryen, Chromium from
# Debian. Debian's binaryen is never put on PATH (its wasm-opt writes modules that fail to load).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_BINDGEN_VERSION=0.2.129 # must equal the crate's pinned wasm-bindgen (Cargo.toml)
WASM_PACK_VERSION=0.15.1

step() { printf 'setup: %s\n' "$*"; }

# Runs as root on CI machines; elsewhere apt needs sudo.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Rust: the wasm target, and rustfmt/clippy for `make test` (a minimal rustup profile lacks them).
installed_targets=$(rustup target list --installed)
if ! grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi
installed_components=$(rustup component list --installed)
# rust-src: the wasm build recompiles the standard library for size (scripts/build-wasm.sh).
for c in rustfmt clippy rust-src; do
    if ! grep -q "^$c" <<<"$installed_components"; then
        step "adding rustup component $c"
        rustup component add "$c"
    fi
done

# version_is TOOL VERSION: true when `TOOL --version` reports exactly VERSION.
version_is() {
    command -v "$1" >/dev/null 2>&1 && [ "$("$1" --version 2>/dev/null | awk '{print $2}')" = "$2" ]
}

if ! version_is wasm-bindgen "$WASM_BINDGEN_VERSION"; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked
fi
if ! version_is wasm-pack "$WASM_PACK_VERSION"; then
    step "installing wasm-pack $WASM_PACK_VERSION (about 2 minutes)"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# Chromium and its WebDriver, for the browser tests (driven by npm's playwright-core).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    step "installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium chromium-driver
fi

# npm tooling (binaryen's wasm-opt, compromise for the benchmark, playwright-core), pinned by
# package-lock.json. The stamp records which lock file node_modules was installed from.
stamp=node_modules/.whosaid-lock.sha256
want=$(sha256sum package.json package-lock.json | sha256sum | awk '{print $1}')
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    step "installing npm tooling (npm ci)"
    npm ci --no-audit --no-fund
    echo "$want" >"$stamp"
fi

step "ready (wasm-bindgen $WASM_BINDGEN_VERSION, wasm-pack $WASM_PACK_VERSION, $(node_modules/binaryen/bin/wasm-opt --version))"
