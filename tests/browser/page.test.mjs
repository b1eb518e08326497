// The page (www/index.html) in headless Chromium against the real wasm engine: the seeds render
// with the marks the analysis implies, actors light up, pasted and hostile articles, no console
// errors, a screenshot in artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchErrors, waitReady, analyzeInNode, seedDocs, screenshot, WWW } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve({ '/': WWW });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage() {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  assert.equal(await waitReady(page), 'ready', 'the page reaches data-whosaid="ready"');
  return { page, errors };
}

/** Counts of first pieces of each kind of mark inside the articles, per document index. */
function countMarks(page) {
  return page.evaluate(() => [...document.querySelectorAll('#docs > .doc')].map((doc) => ({
    mentions: doc.querySelectorAll('[data-actor]:not([data-cont])').length,
    quotes: doc.querySelectorAll('[data-quote]:not([data-cont])').length,
    stances: doc.querySelectorAll('[data-stance]:not([data-cont])').length,
    text: doc.querySelector('.doc-body').textContent,
  })));
}

test('seeds render with the marks the analysis implies', async () => {
  const { page, errors } = await openPage();
  const docs = seedDocs();
  const analysis = await analyzeInNode(docs);
  const shown = await countMarks(page);
  assert.equal(shown.length, docs.length, 'one article per seed');
  docs.forEach((d, i) => {
    const n = (list) => list.filter((x) => x.doc === d.id).length;
    assert.equal(shown[i].text, d.text, `article ${i + 1} shows its text exactly`);
    assert.equal(shown[i].mentions, n(analysis.mentions), `mentions in article ${i + 1}`);
    assert.equal(shown[i].quotes, n(analysis.quotes), `quotes in article ${i + 1}`);
    assert.equal(shown[i].stances, n(analysis.stances), `stances in article ${i + 1}`);
  });
  // Every first piece of a mark covers the start of its span: mention elements in document
  // order carry the actor and a prefix of the text of the analysis' mentions in offset order.
  const firstPieces = await page.evaluate(() => [...document.querySelectorAll('#docs [data-actor]:not([data-cont])')].map((e) => [e.dataset.actor, e.textContent]));
  const expected = docs.flatMap((d) => analysis.mentions.filter((m) => m.doc === d.id)
    .sort((a, b) => a.start - b.start || b.end - a.end));
  // Same multiset of (actor, text prefix) pairs; order may differ where mentions nest.
  const key = ([actor, text]) => `${actor}\u0000${text}`;
  const want = expected.map((m) => [m.actor, m.text]);
  assert.equal(firstPieces.length, want.length);
  for (const [actor, text] of firstPieces) {
    assert.ok(want.some(([a, t]) => a === actor && t.startsWith(text)), `mention piece ${key([actor, text])} matches an analysed mention`);
  }
  const speakers = await page.evaluate(() => [...document.querySelectorAll('#docs [data-quote]:not([data-cont])')].map((e) => [e.dataset.quote, e.dataset.speaker]));
  for (const [id, speaker] of speakers) {
    const q = analysis.quotes.find((x) => x.id === id);
    assert.ok(q, `quote ${id} exists in the analysis`);
    assert.equal(speaker, q.speaker || '', `speaker of ${id}`);
  }
  const pols = await page.evaluate(() => [...document.querySelectorAll('#docs [data-stance]')].map((e) => e.dataset.stance));
  assert.ok(pols.every((p) => p === 'support' || p === 'oppose'));
  const stray = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const bad = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/^(null|undefined|NaN|\[object Object\])$/.test(n.data.trim())) bad.push(n.parentElement.id || n.parentElement.className);
    return bad;
  });
  assert.deepEqual(stray, [], 'no "null"/"undefined" text nodes in the page or its panels');
  const chips = await page.locator('#actor-chips [data-select]').count();
  assert.equal(chips, analysis.actors.length, 'one legend chip per actor');
  await screenshot(page, 'page-seeds.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'page-phone.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking an actor lights up all its mentions and dims the rest', async (t) => {
  const { page, errors } = await openPage();
  let analysis = await analyzeInNode(seedDocs());
  if (!analysis.mentions.length) {
    // The engine finds nobody yet: exercise the interaction on a hand-made analysis.
    const hm = handMade();
    analysis = hm.analysis;
    await page.evaluate(async ([docs, a]) => (await import('/app.js')).render(docs, a), [[{ id: hm.doc, text: hm.text }], analysis]);
    t.diagnostic('engine found no mentions; used a hand-made analysis');
  }
  const counts = new Map();
  for (const m of analysis.mentions) counts.set(m.actor, (counts.get(m.actor) || 0) + 1);
  const [actor, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  await page.locator(`#docs [data-actor="${actor}"]:not([data-cont])`).first().click();
  const state = await page.evaluate((id) => ({
    selecting: document.getElementById('docs').hasAttribute('data-whosaid-selecting'),
    lit: document.querySelectorAll(`#docs [data-actor="${id}"].whosaid-lit:not([data-cont])`).length,
    wrongLit: [...document.querySelectorAll('#docs [data-actor].whosaid-lit')].filter((e) => e.dataset.actor !== id).length,
    pressed: document.querySelector(`#actor-chips [data-select="${id}"]`).getAttribute('aria-pressed'),
  }), actor);
  assert.equal(state.selecting, true);
  assert.equal(state.lit, n, `all ${n} mentions of ${actor} lit`);
  assert.equal(state.wrongLit, 0, 'no other actor lit');
  assert.equal(state.pressed, 'true');
  // The dimmed and the lit mentions really look different.
  const [lit, dim] = await page.evaluate((id) => {
    const other = [...document.querySelectorAll('#docs [data-actor]')].find((e) => e.dataset.actor !== id);
    const one = document.querySelector(`#docs [data-actor="${id}"]`);
    return [getComputedStyle(one).backgroundColor, other ? getComputedStyle(other).backgroundColor : null];
  }, actor);
  if (dim) assert.notEqual(lit, dim);
  await screenshot(page, 'page-actor-selected.png');
  // Hover shows the actor's card; Escape clears the selection.
  await page.locator(`#docs [data-actor="${actor}"]`).first().hover();
  const name = analysis.actors.find((a) => a.id === actor).name;
  assert.match(await page.locator('#tip').textContent(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelectorAll('#docs .whosaid-lit').length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard: an article takes focus, arrows move between marks, Enter selects', async (t) => {
  const { page, errors } = await openPage();
  const marks = await page.evaluate(() => document.querySelectorAll('#doc-0 .doc-body [tabindex="-1"]').length);
  if (!marks) {
    const hm = handMade();
    await page.evaluate(async ([docs, a]) => (await import('/app.js')).render(docs, a), [[{ id: hm.doc, text: hm.text }], hm.analysis]);
    t.diagnostic('engine found no marks; used a hand-made analysis');
  }
  await page.locator('#doc-0 .doc-body').focus();
  await page.keyboard.press('ArrowRight');
  const first = await page.evaluate(() => document.activeElement.matches('#doc-0 .doc-body [tabindex="-1"]'));
  assert.equal(first, true, 'ArrowRight focuses the first mark');
  assert.equal(await page.locator('#tip').isVisible(), true, 'focus shows the tooltip');
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => [...document.querySelectorAll('#doc-0 .doc-body [tabindex="-1"]')].indexOf(document.activeElement));
  assert.equal(second, 1, 'ArrowRight again focuses the second mark');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.getElementById('docs').hasAttribute('data-whosaid-selecting')), true, 'Enter lights up the actor');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.getElementById('docs').hasAttribute('data-whosaid-selecting')), false, 'Escape clears');
  assert.deepEqual(errors, []);
  await page.close();
});

/** A small analysis made by hand: nested, crossing and surrogate-pair spans. */
function handMade() {
  const text = 'Quarrel 😀 erupts\n\nForeign Minister Wang Yi said “China opposes all cyberattacks” on Monday, and “Wang Yi” again.';
  const at = (s, from = 0) => text.indexOf(s, from);
  const span = (s, from = 0) => ({ start: at(s, from), end: at(s, from) + s.length, text: s });
  const doc = 'x';
  const qText = 'China opposes all cyberattacks';
  const analysis = {
    version: 1,
    documents: [{ id: doc, title: 'Quarrel 😀 erupts', outlet: 'Wire', length: text.length }],
    actors: [
      { id: 'wang-yi', name: 'Wang Yi', kind: 'person', aliases: ['Wang Yi'], affiliation: 'china' },
      { id: 'china', name: 'China', kind: 'country', aliases: ['China'], affiliation: null },
      { id: 'odd', name: 'Odd', kind: 'other', aliases: [], affiliation: null },
    ],
    mentions: [
      { doc, actor: 'wang-yi', ...span('Foreign Minister Wang Yi') },
      { doc, actor: 'china', ...span('China') },
      // Crosses the quote's start: must split into a first piece and a continuation.
      { doc, actor: 'odd', ...span('said “China') },
      { doc, actor: 'wang-yi', ...span('Wang Yi', at('again') - 10) },
      { doc, actor: 'odd', ...span('😀') },
    ],
    quotes: [
      { id: 'q1', doc, ...span(qText), speaker: 'wang-yi', cue: span('said'), kind: 'direct' },
      { id: 'q2', doc, ...span('Wang Yi', at('again') - 10), speaker: null, cue: null, kind: 'partial' },
    ],
    quote_links: [],
    stances: [{ doc, holder: 'china', polarity: 'oppose', class: 'oppose', negated: false, cue: span('opposes'), target: span('all cyberattacks'), evidence: span(qText) }],
  };
  return { text, qText, doc, analysis };
}

const HOSTILE = [
  'Hackers post threat',
  '',
  'The group posted <script>document.documentElement.dataset.pwned = "script"</script> on a forum.',
  '',
  '"We will strike again <img src=x onerror="document.documentElement.dataset.pwned=1">," the group said in a statement, according to police spokesman John Smith.',
  '',
  'Police chief Mary Jones said: "<b onmouseover=alert(1)>nothing</b> will stop us."',
].join('\n');

test('a pasted article is analysed beside the seeds; a hostile one runs nothing', async () => {
  const { page, errors } = await openPage();
  const before = await page.locator('#docs > .doc').count();
  await page.click('#add-open');
  await page.fill('#add-text', HOSTILE);
  await page.fill('#add-outlet', 'Test Wire');
  await page.click('#add-submit');
  await page.waitForFunction((n) => document.querySelectorAll('#docs > .doc').length === n + 1 && document.documentElement.dataset.whosaid === 'ready', before);
  const last = page.locator('#docs > .doc').last();
  assert.equal(await last.locator('.doc-body').textContent(), HOSTILE, 'the pasted text is shown exactly, as text');
  assert.match(await last.locator('.outlet').textContent(), /Test Wire/);
  const harm = await page.evaluate(() => ({
    pwned: document.documentElement.dataset.pwned || null,
    elements: document.querySelectorAll('#docs img, #docs script, #docs b, #panel-quotes img, #panel-quotes script').length,
  }));
  assert.deepEqual(harm, { pwned: null, elements: 0 });
  // The analysis of all six articles agrees with the marks shown in the pasted one.
  const docs = [...seedDocs(), { id: 'pasted', text: HOSTILE, outlet: 'Test Wire', title: null }];
  const analysis = await analyzeInNode(docs);
  const shown = await last.evaluate((doc) => doc.querySelectorAll('[data-actor]:not([data-cont])').length);
  assert.equal(shown, analysis.mentions.filter((m) => m.doc === 'pasted').length);
  // Hovering and opening the panels with hostile text still runs nothing.
  await page.click('#tab-quotes');
  await page.click('#tab-stances');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.pwned || null), null);
  await last.scrollIntoViewIfNeeded();
  await screenshot(page, 'page-pasted.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('"instead" replaces the seeds with a paste and a .txt file; exports download JSON and CSV', async () => {
  const { page, errors } = await openPage();
  await page.click('#add-open');
  await page.fill('#add-text', 'Budget row\n\n"We will not back down," Finance Minister Sara Holm said on Monday.');
  await page.setInputFiles('#add-files', [
    { name: 'wire story.txt', mimeType: 'text/plain', buffer: Buffer.from('Port row\n\n"Talks will resume," union leader Ana Brandt said.') },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) },
  ]);
  await page.waitForFunction(() => document.getElementById('file-list').textContent.includes('wire story.txt'));
  assert.doesNotMatch(await page.locator('#file-list').textContent(), /photo\.png/, 'only .txt files are taken');
  await page.check('input[name=mode][value=instead]');
  await page.click('#add-submit');
  await page.waitForFunction(() => document.querySelectorAll('#docs > .doc').length === 2 && document.documentElement.dataset.whosaid === 'ready');
  assert.deepEqual(await page.locator('#docs .doc-body').allTextContents(), [
    'Budget row\n\n"We will not back down," Finance Minister Sara Holm said on Monday.',
    'Port row\n\n"Talks will resume," union leader Ana Brandt said.',
  ], 'the pasted text and the dropped file replace the seeds');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const json = JSON.parse(await streamText(await dl.createReadStream()));
  assert.equal(json.version, 1);
  assert.deepEqual(json.documents.map((d) => d.id), ['pasted', 'wire-story']);
  const [dq] = await Promise.all([page.waitForEvent('download'), page.click('#export-quotes')]);
  const quotesCsv = await streamText(await dq.createReadStream());
  assert.match(quotesCsv.split('\r\n')[0], /^id,doc,outlet,speaker,speaker_name,kind,link,start,end,cue,text$/);
  assert.equal(csvRows(quotesCsv), 1 + json.quotes.length);
  const [ds] = await Promise.all([page.waitForEvent('download'), page.click('#export-stances')]);
  const stancesCsv = await streamText(await ds.createReadStream());
  assert.equal(csvRows(stancesCsv), 1 + json.stances.length);
  assert.deepEqual(errors, []);
  await page.close();
});

async function streamText(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** Rows in a CSV text (line breaks inside quoted cells do not count). */
function csvRows(s) {
  let rows = 0;
  let quoted = false;
  for (const c of s) {
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) rows++;
  }
  return rows;
}

test('overlapping and nested marks render exactly (hand-made analysis, UTF-16 offsets)', async () => {
  const { page, errors } = await openPage();
  const { text, qText, doc, analysis } = handMade();
  const out = await page.evaluate(async ([docs, a]) => {
    const app = await import('/app.js');
    app.render(docs, a);
    const body = document.querySelector('#docs .doc-body');
    const pieces = (sel) => [...body.querySelectorAll(sel)].map((e) => [e.textContent, e.hasAttribute('data-cont')]);
    return {
      text: body.textContent,
      odd: pieces('[data-actor="odd"]'),
      china: pieces('[data-actor="china"]'),
      wang: pieces('[data-actor="wang-yi"]'),
      q1: pieces('[data-quote="q1"]'),
      q2: [...body.querySelectorAll('[data-quote="q2"]')].map((e) => [e.textContent, e.dataset.speaker, e.querySelector('[data-actor]')?.dataset.actor]),
      stance: pieces('[data-stance="oppose"]'),
      nested: !!body.querySelector('[data-quote="q1"] [data-stance] , [data-quote="q1"] [data-actor="china"]'),
      scripts: body.querySelectorAll('*:not(span)').length,
    };
  }, [[{ id: doc, text }], analysis]);
  assert.equal(out.text, text);
  assert.deepEqual(out.odd, [['😀', false], ['said “', false], ['China', true]]);
  assert.deepEqual(out.china, [['China', false]]);
  assert.deepEqual(out.wang, [['Foreign Minister Wang Yi', false], ['Wang Yi', false]]);
  assert.deepEqual(out.q1, [[qText, false]]);
  assert.deepEqual(out.q2, [['Wang Yi', '', 'wang-yi']]);
  assert.deepEqual(out.stance, [['opposes', false]]);
  assert.equal(out.nested, true);
  assert.equal(out.scripts, 0, 'only <span> marks inside the text');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a long paste is analysed in the worker: progress shows and the page stays responsive', async (t) => {
  const { page, errors } = await openPage();
  const long = seedDocs().map((d) => d.text).join('\n\n').repeat(20);
  await page.click('#add-open');
  await page.locator('#add-text').evaluate((el, text) => { el.value = text; }, long); // fill() types too slowly for 180k characters
  await page.check('input[name=mode][value=instead]');
  await page.click('#add-submit');
  await page.waitForFunction(() => document.documentElement.dataset.whosaid === 'busy');
  // While the engine works, the main thread answers at once and the progress bar appears.
  const probe = await page.evaluate(async () => {
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 250));
    return { lag: performance.now() - t0 - 250, busy: document.documentElement.dataset.whosaid, progress: !document.getElementById('progress').hidden, status: document.getElementById('status-text').textContent };
  });
  t.diagnostic(`while analysing: ${JSON.stringify(probe)}`);
  if (probe.busy === 'busy') {
    assert.equal(probe.progress, true, 'progress shows during long work');
    assert.match(probe.status, /analysing 1 article/);
    assert.ok(probe.lag < 300, `main thread free while analysing (timer late by ${probe.lag.toFixed(0)} ms)`);
  }
  await page.waitForFunction(() => document.documentElement.dataset.whosaid === 'ready', null, { timeout: 60000 });
  const analysis = await analyzeInNode([{ id: 'pasted', text: long, outlet: null, title: null }]);
  const shown = await page.evaluate(() => document.querySelectorAll('#docs [data-actor]:not([data-cont])').length);
  assert.equal(shown, analysis.mentions.length);
  assert.equal(await page.locator('#progress').isHidden(), true, 'progress hides when done');
  assert.deepEqual(errors, []);
  await page.close();
});

test('tooltips: a linked quote names the other articles carrying it; a stance shows holder → target', async (t) => {
  const { page, errors } = await openPage();
  const analysis = await analyzeInNode(seedDocs());
  const link = analysis.quote_links[0];
  if (!link) return t.skip('the engine links no quotes yet');
  const q = analysis.quotes.find((x) => x.id === link.quotes[0]);
  await hoverFirstLine(page, page.locator(`#docs [data-quote="${q.id}"]:not([data-cont])`));
  const tip = await page.locator('#tip').textContent();
  const others = link.quotes.filter((id) => id !== q.id).map((id) => analysis.quotes.find((x) => x.id === id).doc);
  const labels = others.map((doc) => `Article ${analysis.documents.findIndex((d) => d.id === doc) + 1}`);
  for (const l of labels) assert.ok(tip.includes(`also in ${l}`), `tooltip names ${l}: ${tip}`);
  const badge = await page.locator(`#docs [data-quote="${q.id}"]:not([data-cont])`).getAttribute('data-badge');
  assert.match(badge, new RegExp(`⇄${link.quotes.length - 1}$`));
  const s = analysis.stances[0];
  if (s) {
    await page.mouse.move(0, 0);
    await hoverFirstLine(page, page.locator('#docs [data-stance]:not([data-cont])').first());
    assert.match(await page.locator('#tip').textContent(), /→/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

/** Hovers the middle of an inline element's first line box (its bounding box may miss it when it wraps). */
async function hoverFirstLine(page, locator) {
  await locator.scrollIntoViewIfNeeded();
  const p = await locator.evaluate((e) => {
    const r = e.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(p.x, p.y);
}
