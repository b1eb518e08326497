#!/usr/bin/env bash
# Instructions per analysis of the built wasm in node, counted by valgrind's callgrind: the
# difference between three runs and one, halved, so node's start-up, the module's compilation
# and the corpus's parsing cancel out. Deterministic within a few percent, unlike timings on a
# shared machine. TurboFan only (--no-liftoff), one thread, so nothing tiers up mid-count.
#
#   bash scripts/count-wasm.sh [PKG_DIR=www/pkg] [CORPUS=target/bench-corpus/corpus-1mb.json]
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:-www/pkg}
corpus=${2:-target/bench-corpus/corpus-1mb.json}
command -v valgrind >/dev/null || { echo "count-wasm: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
[ -f "$corpus" ] || node scripts/bench-wasm.mjs --corpus
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        node --no-liftoff --single-threaded scripts/count-wasm.mjs "$pkg" "$corpus" "$1" 2>&1 |
        sed -n 's/.*refs: *//p' | tr -d ,
}
one=$(count 1)
three=$(count 3)
echo "count-wasm: $pkg on $corpus: $(( (three - one) / 2 / 1000000 )) M instructions per analysis"
