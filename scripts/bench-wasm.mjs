// Benchmarks the built WebAssembly module (www/pkg) against npm's `compromise` on the same text,
// in the same run, and prints one table with the native figures criterion measured.
//
//   node scripts/bench-wasm.mjs --corpus   writes target/bench-corpus/corpus-{1mb,10mb}.json
//   node scripts/bench-wasm.mjs            measures seeds, 1 MB and 10 MB; prints the table
//
// The corpora are the seed articles again and again, each copy with its capitalised name pairs
// ("Jane Roe", "Foreign Ministry") swapped for generated ones, so no two copies read alike.
// whosaid is timed on analyze(documents) including the conversion of the result to JS objects;
// compromise on nlp(text) with people, places, organizations and quotations per document.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(root, 'target', 'bench-corpus');
const MB = 1 << 20;

function seeds() {
  return readdirSync(join(root, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(root, 'seeds', f), 'utf8') }));
}

// Generated names: 24 x 24 pairs, picked by copy number and by the original pair.
const FIRST = ['Alma', 'Bruno', 'Chiara', 'Dmitri', 'Esther', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas',
  'Kemi', 'Lars', 'Mei', 'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sanjay', 'Tove', 'Ugo', 'Vera',
  'Wanjiru', 'Yusuf'];
const LAST = ['Abara', 'Brennan', 'Castillo', 'Dahl', 'Eriksen', 'Fontaine', 'Gallo', 'Haddad', 'Ibsen',
  'Jovanovic', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi',
  'Santos', 'Takahashi', 'Umarov', 'Varga', 'Weber', 'Zhou'];

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Copy `k` of `doc`, its capitalised word pairs renamed consistently within the copy. */
function variant(doc, k) {
  const text = doc.text.replace(/\b([A-Z][a-z]+)(\s+)([A-Z][a-z]+)\b/g, (m, _a, gap) => {
    const h = hash(m) + k * 7919;
    return `${FIRST[h % FIRST.length]}${gap}${LAST[(h >>> 8) % LAST.length]}`;
  });
  return { id: `c${k}_${doc.id}`, text };
}

function buildCorpus(base, bytes) {
  const docs = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    for (const d of base) {
      const v = variant(d, k);
      docs.push(v);
      size += Buffer.byteLength(v.text);
      if (size >= bytes) break;
    }
  }
  return docs;
}

function writeCorpora() {
  mkdirSync(corpusDir, { recursive: true });
  const base = seeds();
  for (const [name, bytes] of [['1mb', MB], ['10mb', 10 * MB]]) {
    const docs = buildCorpus(base, bytes);
    writeFileSync(join(corpusDir, `corpus-${name}.json`), JSON.stringify(docs));
    console.log(`bench: wrote target/bench-corpus/corpus-${name}.json (${docs.length} documents)`);
  }
}

function readCorpus(name) {
  const p = join(corpusDir, `corpus-${name}.json`);
  if (!existsSync(p)) writeCorpora();
  return JSON.parse(readFileSync(p, 'utf8'));
}

const bytesOf = (docs) => docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);

/** Median seconds of `fn` over at least `minRuns` runs and about `minSeconds` in all. */
function time(fn, minRuns, minSeconds) {
  const runs = [];
  const start = performance.now();
  while (runs.length < minRuns || (performance.now() - start) / 1000 < minSeconds) {
    const t = performance.now();
    fn();
    runs.push((performance.now() - t) / 1000);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

/** Mean seconds criterion measured for pipeline/<input>/<stage>, if it ran. */
function nativeSeconds(input, stage) {
  for (const group of [`pipeline_${input}`, `pipeline/${input}`]) {
    const p = join(root, 'target', 'criterion', group, stage, 'new', 'estimates.json');
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')).mean.point_estimate / 1e9;
  }
  return null;
}

async function main() {
  if (process.argv.includes('--corpus')) {
    writeCorpora();
    return;
  }
  const { initSync, analyze } = await import(join(root, 'www/pkg/whosaid.js'));
  const wasmBytes = readFileSync(join(root, 'www/pkg/whosaid_bg.wasm'));
  initSync({ module: wasmBytes });
  const { default: nlp } = await import('compromise');

  const compromise = (docs) => {
    let found = 0;
    for (const d of docs) {
      const doc = nlp(d.text);
      found += doc.people().out('array').length + doc.places().out('array').length
        + doc.organizations().out('array').length + doc.quotations().out('array').length;
    }
    return found;
  };

  const inputs = [['seeds', seeds()], ['1mb', readCorpus('1mb')], ['10mb', readCorpus('10mb')]];
  const rows = [];
  for (const [name, docs] of inputs) {
    const bytes = bytesOf(docs);
    const big = bytes > 2 * MB;
    let quotes = 0;
    // Three runs at least, so the median is not the first one, which also grows the module's
    // memory to the input's size.
    const wasmS = time(() => { quotes = analyze(docs).quotes.length; }, 3, big ? 0 : 2);
    const compS = time(() => compromise(docs), 1, big ? 0 : 2);
    const natS = nativeSeconds(name, 'analyze');
    const mbps = (s) => (s === null ? null : bytes / MB / s);
    rows.push({ name, docs: docs.length, bytes, quotes, native: mbps(natS), wasm: mbps(wasmS),
      compromise: mbps(compS), ratio: compS / wasmS });
    console.error(`bench: ${name} done`);
  }

  const stageRows = ['segmentation', 'quotes', 'actors', 'speakers', 'links', 'stances', 'analyze'].map((stage) => [
    stage, ...inputs.map(([name, docs]) => {
      const s = nativeSeconds(name, stage);
      return s === null ? '-' : (bytesOf(docs) / MB / s).toFixed(1);
    }),
  ]);

  const f = (x, d = 1) => (x === null ? '-' : x.toFixed(d));
  const pad = (s, n) => String(s).padStart(n);
  console.log('\nwhosaid vs compromise (MB/s of input text, one core; median run)');
  console.log(`${'input'.padEnd(6)} ${pad('docs', 5)} ${pad('MB', 6)} ${pad('quotes', 7)} ${pad('native', 8)} ${pad('wasm', 8)} ${pad('compromise', 10)} ${pad('wasm/comp', 10)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(6)} ${pad(r.docs, 5)} ${pad(f(r.bytes / MB, 2), 6)} ${pad(r.quotes, 7)} ${pad(f(r.native), 8)} ${pad(f(r.wasm), 8)} ${pad(f(r.compromise, 2), 10)} ${pad(f(r.ratio, 0) + 'x', 10)}`);
  }
  const r1 = rows.find((r) => r.name === '1mb');
  const r10 = rows.find((r) => r.name === '10mb');
  console.log(`linearity: 10 MB takes ${f((r10.bytes / r10.wasm) / (r1.bytes / r1.wasm), 1)}x the wasm time of 1 MB `
    + `for ${f(r10.bytes / r1.bytes, 1)}x the text${r1.native && r10.native ? `; native ${f((r10.bytes / r10.native) / (r1.bytes / r1.native), 1)}x` : ''}`);

  console.log('\nnative stages (MB/s, criterion mean)');
  console.log(`${'stage'.padEnd(13)} ${inputs.map(([n]) => pad(n, 8)).join(' ')}`);
  for (const [stage, ...v] of stageRows) console.log(`${stage.padEnd(13)} ${v.map((x) => pad(x, 8)).join(' ')}`);

  const gz = (p) => gzipSync(readFileSync(join(root, p)), { level: 9 }).length;
  const wasmGz = gz('www/pkg/whosaid_bg.wasm');
  const jsGz = gz('www/pkg/whosaid.js');
  console.log(`\nsize: gzip -9 wasm ${f(wasmGz / 1024)} KB + JS glue ${f(jsGz / 1024)} KB = ${f((wasmGz + jsGz) / 1024)} KB (target <= 120 KB)`);
  console.log('targets: wasm >= 25 MB/s, native >= 100 MB/s per core, wasm/compromise >= 250x');
}

await main();
