#!/usr/bin/env bash
# `make bench`: the native engine stage by stage (criterion), then the wasm module against npm's
# compromise on the same text, then one table of both. Expects `make wasm` to have run (make does).
# Takes a few minutes, most of it compromise on the 10 MB corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# The ~1 MB and ~10 MB corpora built from the seeds with varied names, read by both benchmarks.
node scripts/bench-wasm.mjs --corpus
cargo bench --benches
node scripts/bench-wasm.mjs
