// Runs the built wasm's analyze() on a corpus RUNS times; with scripts/count-wasm.sh, under
// callgrind, it gives the instructions one analysis costs in node, a figure that, unlike time,
// does not move with the machine's load (for comparing two builds of the module).
//
//   node scripts/count-wasm.mjs PKG_DIR CORPUS.json RUNS
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dir, corpus, runs] = process.argv.slice(2);
const pkg = resolve(dir);
const { initSync, analyze } = await import(join(pkg, 'whosaid.js'));
initSync({ module: readFileSync(join(pkg, 'whosaid_bg.wasm')) });
const docs = JSON.parse(readFileSync(corpus, 'utf8'));
let found = 0;
for (let i = 0; i < Number(runs); i++) found += analyze(docs).mentions.length;
if (found === 0) throw new Error('count-wasm: the analysis found nothing');
