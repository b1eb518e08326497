#!/usr/bin/env bash
# Builds the WebAssembly module into www/pkg/, shrinks it with npm's wasm-opt, copies the seed
# articles to www/seeds/ with an index, and prints the gzip size of what a browser downloads.
# Run `bash scripts/setup.sh` first (make does).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Size (the download is the widget's cost to a newsroom's readers), each step measured on the
# gzip of wasm + JS (scripts/build-wasm.sh prints it):
# - opt-level "z" for the wasm only (native builds use 3, for speed): -12%;
# - the standard library rebuilt from the rust-src component (-Zbuild-std) with panics as an
#   immediate trap: no panic messages, locations or formatting machinery are linked, and
#   Debug formatting compiled away (nothing the engine returns is built with Debug): -13%.
#   The engine never panics (fuzzed, property-tested), so nothing a user sees is lost; a
#   trap would still surface in JS as a RuntimeError. -Zbuild-std is unstable: RUSTC_BOOTSTRAP
#   lets the stable toolchain accept it, for this build only.
# - LLVM's inlining threshold raised from opt-level "z"'s 5 to 64 (`-inline-threshold`; when it
#   is given, "z" no longer clamps it): the small iterator and slicing functions the engine's
#   loops call get inlined instead of staying a call per byte or per word. Measured with
#   scripts/count-wasm.sh: 25 saved 9% of the instructions per analysis, 40 another 5%, 64
#   another 7.5%; with wasm-opt's -ocimfs 0 (below) 64 costs 0.6 KB of gzip over 25.
# Set WHOSAID_PLAIN_WASM=1 to build with the stable toolchain's own std instead, and
# WHOSAID_WASM_OPT_LEVEL=3 for speed over size (measured at 136 KB: ~1.7x faster, +24 KB).
# --mode no-install: otherwise wasm-pack tries to fetch tools from GitHub.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${WHOSAID_WASM_OPT_LEVEL:-z}
if [ "${WHOSAID_PLAIN_WASM:-}" = 1 ]; then
    wasm-pack build --target web --release --mode no-install --out-dir www/pkg
else
    RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Cllvm-args=-inline-threshold=64" \
        wasm-pack build --target web --release --mode no-install --out-dir www/pkg . \
        -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
fi

# npm's binaryen only, never Debian's (its wasm-opt writes modules that fail to load). The
# feature flags are those rustc's wasm32-unknown-unknown target enables by default since 1.82;
# wasm-opt refuses to read instructions of a feature that is not enabled. Merging similar
# functions first (one body with a parameter for what differs; not part of -Oz) saves ~0.8 KB
# of gzip.
wasm=www/pkg/whosaid_bg.wasm
before=$(wc -c <"$wasm")
#
# --low-memory-unused lets it fold constant offsets into loads and stores (-0.9 KB of gzip). Its
# assumption, that nothing lives in the first 1 KB of memory, holds here: Rust's wasm32 linker
# lays the stack first, growing down from 1 MB towards address 0 (data and heap sit above it),
# so the low 1 KB is reached only by a stack a whole megabyte deep, which has already
# overflowed. The engine recurses nowhere deeply (the nesting tests, the fuzz target).
#
# -ocimfs 0 (--one-caller-inline-max-function-size): by default -Oz inlines every function that
# has one caller, whatever its size, and the engine's stages, each called once, became one
# 100 KB function. With thousands of locals, each local.get/set carried a multi-byte index that
# gzip compresses badly: kept apart, the functions are 7 KB less gzip (raw bytes grow by 2%) and
# run the same number of instructions (scripts/count-wasm.sh).
node_modules/binaryen/bin/wasm-opt "$wasm" --merge-similar-functions -Oz --low-memory-unused -ocimfs 0 \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers \
    -o "$wasm.opt"
mv "$wasm.opt" "$wasm"

# The JS glue wasm-bindgen writes is readable, not small: minified (same exports) it is 0.9 KB
# less gzip. esbuild is an npm devDependency.
node_modules/.bin/esbuild www/pkg/whosaid.js --minify --format=esm --log-level=warning \
    --outfile=www/pkg/whosaid.min.js
mv www/pkg/whosaid.min.js www/pkg/whosaid.js

# The optimised module must still load and run: analyze one document in node.
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { initSync, analyze } from './www/pkg/whosaid.js';
initSync({ module: readFileSync('$wasm') });
const a = analyze([{ id: 'check', text: '“It loads,” she said.' }]);
if (a.version !== 1 || a.documents.length !== 1) throw new Error('optimised module is broken');
"

# The seed articles, for the page's demo.
mkdir -p www/seeds
rm -f www/seeds/*.txt
index="["
sep=""
for f in seeds/*.txt; do
    name=$(basename "$f")
    cp "$f" "www/seeds/$name"
    index+="$sep{\"id\": \"${name%.txt}\", \"file\": \"$name\"}"
    sep=", "
done
echo "$index]" >www/seeds/index.json

gz() { gzip -9 -c "$1" | wc -c; }
wasm_gz=$(gz "$wasm")
js_gz=$(gz www/pkg/whosaid.js)
awk -v w="$wasm_gz" -v j="$js_gz" -v size="$(wc -c <"$wasm")" -v before="$before" -v f="$wasm" 'BEGIN {
    printf "build-wasm: %s %d bytes (%d before wasm-opt); gzip -9: wasm %.1f KB + JS glue %.1f KB = %.1f KB (target <= 120 KB)\n",
        f, size, before, w / 1024, j / 1024, (w + j) / 1024
}'
