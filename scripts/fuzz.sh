#!/usr/bin/env bash
# Fuzzes `analyze` with cargo-fuzz (libFuzzer) for SECONDS (default 60): no panic, and every
# span slices its document. Usage: bash scripts/fuzz.sh [SECONDS]
#
# Runs on the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags, and
# `--sanitizer none` needs no nightly-only sanitizer runtime (a panic still aborts and is
# reported, with the input saved under fuzz/artifacts/). The seed articles start the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-60}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz (about 1 minute)"
    cargo install cargo-fuzz --version 0.13.2 --locked
fi

corpus=fuzz/corpus/analyze
mkdir -p "$corpus"
cp seeds/*.txt "$corpus/"

export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none analyze
log=$(mktemp)
status=0
cargo fuzz run --sanitizer none analyze "$corpus" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    grep -A2 'panicked at' "$log" | head -n 12 || true
else
    grep -E '^(Done|stat::)' "$log" || true
fi
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
rm -f "$log"
if [ "$status" -ne 0 ]; then
    echo "fuzz: FAILED after $runs executions (the input is in fuzz/artifacts/analyze/)"
    exit "$status"
fi
echo "fuzz: $runs executions in ${seconds}s without a crash"
