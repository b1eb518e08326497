// The built WebAssembly module (www/pkg, from `make wasm`) in node: `analyze` on the seeds and
// on emoji/CJK text returns the contract's shape, and every span is the JavaScript
// String.prototype.slice of its document (UTF-16 offsets, no split surrogate pair).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import { initSync, analyze, version } from '../../www/pkg/whosaid.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
initSync({ module: readFileSync(join(root, 'www/pkg/whosaid_bg.wasm')) });

const seedIndex = JSON.parse(readFileSync(join(root, 'www/seeds/index.json'), 'utf8'));
const seeds = seedIndex.map(({ id, file }) => ({
  id,
  text: readFileSync(join(root, 'www/seeds', file), 'utf8'),
}));

/** True when `s` starts or ends between the two halves of a surrogate pair of `text`. */
function splitsPair(text, s) {
  if (s <= 0 || s >= text.length) return false;
  const before = text.charCodeAt(s - 1);
  const after = text.charCodeAt(s);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Asserts the contract's span invariants for `span` of document `text`. */
function checkSpan(what, text, span) {
  assert.equal(typeof span.start, 'number', `${what}.start`);
  assert.equal(typeof span.end, 'number', `${what}.end`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what} in bounds`);
  assert.equal(text.slice(span.start, span.end), span.text, `${what} slices its document`);
  assert.ok(!splitsPair(text, span.start) && !splitsPair(text, span.end), `${what} splits a pair`);
}

/** Asserts the whole contract for `analysis` of `docs`; returns documents by id. */
function checkContract(docs, analysis) {
  assert.equal(analysis.version, 1);
  for (const key of ['documents', 'actors', 'mentions', 'quotes', 'quote_links', 'stances']) {
    assert.ok(Array.isArray(analysis[key]), `${key} is an array`);
  }
  assert.deepEqual(analysis.documents.map((d) => d.id), docs.map((d) => d.id));
  const byId = new Map(docs.map((d) => [d.id, d.text]));
  analysis.documents.forEach((d, i) => assert.equal(d.length, docs[i].text.length, `length of ${d.id}`));
  const actors = new Set(analysis.actors.map((a) => a.id));
  for (const a of analysis.actors) {
    assert.equal(typeof a.name, 'string');
    assert.ok(['person', 'organization', 'country', 'group', 'other'].includes(a.kind), a.kind);
    assert.ok(Array.isArray(a.aliases));
    assert.ok(a.affiliation === null || actors.has(a.affiliation), `affiliation of ${a.id}`);
  }
  for (const m of analysis.mentions) {
    assert.ok(actors.has(m.actor), `mention actor ${m.actor}`);
    checkSpan('mention', byId.get(m.doc), m);
  }
  const quoteIds = new Set();
  for (const q of analysis.quotes) {
    const text = byId.get(q.doc);
    assert.ok(text !== undefined, `quote doc ${q.doc}`);
    checkSpan(`quote ${q.id}`, text, q);
    if (q.cue !== null) checkSpan(`cue of ${q.id}`, text, q.cue);
    assert.ok(q.speaker === null || actors.has(q.speaker), `speaker ${q.speaker}`);
    assert.ok(['direct', 'partial'].includes(q.kind), q.kind);
    quoteIds.add(q.id);
  }
  for (const l of analysis.quote_links) {
    assert.ok(l.quotes.length >= 2);
    for (const id of l.quotes) assert.ok(quoteIds.has(id), `link member ${id}`);
  }
  for (const s of analysis.stances) {
    const text = byId.get(s.doc);
    assert.ok(actors.has(s.holder), `stance holder ${s.holder}`);
    assert.ok(['support', 'oppose'].includes(s.polarity));
    assert.equal(typeof s.negated, 'boolean');
    for (const k of ['cue', 'target', 'evidence']) checkSpan(`stance ${k}`, text, s[k]);
  }
  return byId;
}

test('version is a semver string', () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('the seeds give the contract with exact UTF-16 spans', () => {
  assert.equal(seeds.length, 5);
  const analysis = analyze(seeds);
  checkContract(seeds, analysis);
  assert.ok(analysis.quotes.length > 0, 'the seeds hold quotes');
  assert.ok(analysis.actors.length > 0, 'the seeds name actors');
});

test('emoji and CJK before a quote shift offsets by UTF-16 units', () => {
  const quote = 'We did it 👍🏽 with 👩🏽‍💻 and 分享 friends';
  const text = `🔥🔥 中国 新闻 👨‍👩‍👧‍👦\n\n“${quote},” said Jane Roe, the minister.\n`;
  const docs = [{ id: 'emoji', text }];
  const analysis = analyze(docs);
  checkContract(docs, analysis);
  const found = analysis.quotes.find((q) => q.text.startsWith('We did it'));
  assert.ok(found, `quote found: ${JSON.stringify(analysis.quotes)}`);
  assert.equal(found.start, text.indexOf('We did it'));
  assert.ok(found.text.startsWith(quote));
});

test('outlet and title given by the caller are echoed', () => {
  const docs = [{ id: 'x', text: '“Fine,” he said.', outlet: 'Reuters', title: 'A title' }];
  const analysis = analyze(docs);
  checkContract(docs, analysis);
  assert.equal(analysis.documents[0].outlet, 'Reuters');
  assert.equal(analysis.documents[0].title, 'A title');
});

test('bad input throws an Error naming the problem, and the module keeps working', () => {
  for (const bad of [42, 'text', [{ text: 'no id' }], [{ id: 1, text: 2 }], null]) {
    assert.throws(() => analyze(bad), (e) => e instanceof Error && /analyze/.test(e.message));
  }
  const docs = [{ id: 'after', text: '“Still here,” she said.' }];
  checkContract(docs, analyze(docs));
});

test('empty, NUL and lone-surrogate-free odd text never throws', () => {
  const docs = [
    { id: 'empty', text: '' },
    { id: 'nul', text: '\u0000“a\u0000b,” he said.\u0000' },
    { id: 'marks', text: '“'.repeat(10000) },
    { id: 'rtl', text: 'قال «سنبني الجسر» \u200f' },
  ];
  checkContract(docs, analyze(docs));
});

test('a lone surrogate (possible in a JS string) does not shift later offsets', () => {
  // The module receives U+FFFD in its place: one UTF-16 unit for one, so offsets still agree.
  const text = 'Broken \ud800 pair.\n\n“We will finish the bridge by spring,” said Jane Roe.';
  const analysis = analyze([{ id: 'lone', text }]);
  assert.equal(analysis.documents[0].length, text.length);
  const q = analysis.quotes.find((x) => x.text.startsWith('We will finish'));
  assert.ok(q, `quote found: ${JSON.stringify(analysis.quotes)}`);
  assert.equal(q.start, text.indexOf('We will finish'));
  assert.equal(text.slice(q.start, q.end), q.text);
});
