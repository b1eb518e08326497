#!/usr/bin/env bash
# Writes dist/: the demo page, the embed, the wasm package and the seed articles, with only
# relative URLs, ready for any static host (copy the folder as it is). Needs the wasm built into
# www/pkg/ and the seeds copied to www/seeds/ (scripts/build-wasm.sh; `make dist` runs it first).
set -euo pipefail
cd "$(dirname "$0")/.."

for f in www/pkg/whosaid.js www/pkg/whosaid_bg.wasm www/seeds/index.json; do
    [[ -f $f ]] || { echo "dist: $f is missing; build the wasm first (make wasm)" >&2; exit 1; }
done

rm -rf dist
mkdir -p dist/pkg dist/seeds
cp www/index.html www/app.js www/worker.js www/marks.js www/marks.css www/style.css \
   www/embed.js www/embed.css dist/
cp www/pkg/whosaid.js www/pkg/whosaid_bg.wasm dist/pkg/
cp www/seeds/index.json www/seeds/*.txt dist/seeds/
cp www/README-embed.md dist/README.md

# Every URL the page and the embed use must be relative: an absolute path would break when the
# folder is published below a site's root (GitHub Pages project sites, S3 prefixes).
if grep -nE '(src|href)="/[^/]|url\(/|fetch\(./|import\(./|from ./' dist/*.html dist/*.js dist/*.css; then
    echo "dist: absolute URLs found above; use paths relative to the file" >&2
    exit 1
fi

gz() { local n=0 f; for f in "$@"; do n=$((n + $(gzip -9 -c "$f" | wc -c))); done; echo "$n"; }
page=$(gz dist/pkg/whosaid_bg.wasm dist/pkg/whosaid.js dist/app.js dist/worker.js dist/marks.js)
embed=$(gz dist/pkg/whosaid_bg.wasm dist/pkg/whosaid.js dist/embed.js dist/marks.js)
echo "dist: wrote $(find dist -type f | wc -l) files, $(du -sk dist | cut -f1) KB;" \
     "gzip -9 wasm + JS: page $((page / 1024)) KB, embed $((embed / 1024)) KB"
echo "dist: publish by copying dist/ to any static host; the page is dist/index.html, the embed dist/embed.js"
