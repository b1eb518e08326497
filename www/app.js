// The whosaid page: loads the seed articles, has the worker analyse them, and renders the
// articles with their marks plus the Actors / Quotes / Stances / Voice share panels.
// Article text is untrusted: it only ever enters the page as text nodes (see h() and marks.js).
import {
  indexAnalysis, marksByDoc, renderMarked, markElement, outletLabel, actorName, actorClasses,
  describeActor, describeQuote, describeStance, wordCount,
} from './marks.js';

const $ = (id) => document.getElementById(id);
const LAYERS = new Set(['mentions', 'quotes', 'stances']);

/** Replaces an element's children, skipping null and false (replaceChildren would print "null"). */
function fill(el, ...kids) {
  el.replaceChildren(...kids.flat().filter((k) => k != null && k !== false));
}

/** Builds an element; string children become text nodes, so callers can pass untrusted text. */
function h(tag, props = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'data') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}

// ---- state -------------------------------------------------------------------------------
const state = { docs: [], analysis: null, ix: null, selected: null, markOf: new WeakMap() };

// ---- the worker --------------------------------------------------------------------------
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let jobSeq = 0;
worker.onmessage = (e) => {
  const { job, type } = e.data;
  const p = pending.get(job);
  if (!p) return;
  if (type === 'progress') return setStatus(`Working: ${e.data.stage}…`, true);
  pending.delete(job);
  if (type === 'done') p.resolve(e.data);
  else p.reject(new Error(e.data.message));
};
worker.onerror = (e) => {
  e.preventDefault();
  for (const p of pending.values()) p.reject(new Error(e.message || 'the analysis worker failed to start'));
  pending.clear();
};
function analyseInWorker(docs) {
  return new Promise((resolve, reject) => {
    const job = ++jobSeq;
    pending.set(job, { resolve, reject });
    worker.postMessage({ job, docs });
  });
}

// ---- status and progress -----------------------------------------------------------------
let busyTimer = 0;
function setStatus(text, busy = false) {
  $('status-text').textContent = text;
  clearTimeout(busyTimer);
  if (!busy) $('progress').hidden = true;
  else busyTimer = setTimeout(() => { $('progress').hidden = false; }, 150);
}

let latestRun = 0;

/** Analyses `docs` in the worker and renders the result; the page is "ready" afterwards. Only
 * the latest request renders, so a slow earlier analysis never overwrites a newer one. */
async function run(docs) {
  const mine = ++latestRun;
  document.documentElement.dataset.whosaid = 'busy';
  const t0 = performance.now();
  try {
    const res = await analyseInWorker(docs);
    if (mine !== latestRun) return;
    if (!performance.getEntriesByName('whosaid-engine').length) {
      // Phases of the first analysis, for scripts/bench-page.mjs.
      performance.mark('whosaid-engine', { startTime: res.engineReadyAt - performance.timeOrigin });
      performance.mark('whosaid-analysed', { detail: { ms: res.ms } });
    }
    render(docs, res.analysis);
    $('engine-version').textContent = `Engine ${res.version}.`;
    const a = res.analysis;
    setStatus(`${a.documents.length} articles · ${a.actors.length} actors · ${a.quotes.length} quotes · ${a.stances.length} stances (${Math.round(performance.now() - t0)} ms)`);
  } catch (err) {
    if (mine !== latestRun) return;
    setStatus(`Analysis failed: ${err.message}`);
    document.documentElement.dataset.whosaid = 'error';
    return;
  }
  document.documentElement.dataset.whosaid = 'ready';
  if (!performance.getEntriesByName('whosaid-ready').length) performance.mark('whosaid-ready');
}

async function loadSeeds() {
  const base = new URL('./seeds/', import.meta.url);
  const get = async (url, how) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
    return r[how]();
  };
  const list = await get(new URL('index.json', base), 'json');
  return Promise.all(list.map(async ({ id, file }) => ({ id, text: await get(new URL(file, base), 'text'), outlet: null, title: null })));
}

// ---- rendering ---------------------------------------------------------------------------
/** Renders documents (`{id, text}`) with their analysis. Exported for tests and development. */
export function render(docs, analysis) {
  const ix = indexAnalysis(analysis);
  Object.assign(state, { docs, analysis, ix, selected: null, markOf: new WeakMap() });
  renderDocs();
  renderChips();
  renderActorsPanel();
  renderQuotesPanel();
  renderStancesPanel();
  renderVoicePanel();
  for (const id of ['export-json', 'export-quotes', 'export-stances']) $(id).disabled = false;
}

/** Shows the articles' text at once, unmarked, while the engine works on them. */
function renderPlain(docs) {
  const title = (text) => /\S[^\n]*/.exec(text)?.[0].trim() ?? null;
  const analysis = {
    version: 1, documents: docs.map((d) => ({ id: d.id, title: d.title ?? title(d.text), outlet: d.outlet, length: d.text.length })),
    actors: [], mentions: [], quotes: [], quote_links: [], stances: [],
  };
  Object.assign(state, { docs, analysis, ix: indexAnalysis(analysis), selected: null, markOf: new WeakMap() });
  renderDocs();
  performance.mark('whosaid-text');
}

/** The range of the document's first non-empty line when it is the title, to style it as one. */
function titleRange(text, title) {
  const m = /\S[^\n]*/.exec(text);
  return m && title && m[0].trim() === title.trim() ? { start: m.index, end: m.index + m[0].length } : null;
}

function renderDocs() {
  const { analysis, ix, docs } = state;
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  const byDoc = marksByDoc(analysis, ix, LAYERS);
  const docsEl = $('docs');
  const tabs = $('doc-tabs');
  docsEl.replaceChildren();
  tabs.replaceChildren();
  delete docsEl.dataset.whosaidSelecting;
  const makeEl = (mark, continued) => {
    const el = markElement(document, mark, continued);
    if (mark.kind === 'title') {
      el.className = 'doc-title';
      el.setAttribute('role', 'heading');
      el.setAttribute('aria-level', '2');
    } else {
      state.markOf.set(el, mark);
      if (!continued) el.tabIndex = -1;
    }
    return el;
  };
  analysis.documents.forEach((info, i) => {
    const text = texts.get(info.id) || '';
    const marks = byDoc.get(info.id) || [];
    const count = (k) => marks.filter((m) => m.kind === k).length;
    const tr = titleRange(text, info.title);
    if (tr) marks.push({ kind: 'title', ...tr, data: {}, classes: [] });
    const body = h('div', { class: 'doc-body', tabindex: '0', 'aria-label': `Text of article ${i + 1}` });
    body.append(renderMarked(document, text, marks, makeEl));
    const label = outletLabel(info, i);
    docsEl.append(h('article', { class: `doc${i === 0 ? ' active' : ''}`, id: `doc-${i}`, 'aria-labelledby': `doctab-${i}` },
      h('header', { class: 'doc-head' },
        h('p', { class: 'outlet' }, label, info.outlet ? null : h('span', { class: 'muted' }, ' · outlet not stated')),
        tr ? null : h('h2', { class: 'doc-title' }, info.title || '(untitled)'),
        h('p', { class: 'counts' }, `${count('mention')} mentions · ${count('quote')} quotes · ${count('stance')} stances`)),
      body));
    tabs.append(h('button', {
      type: 'button', role: 'tab', id: `doctab-${i}`, 'aria-controls': `doc-${i}`, 'aria-selected': String(i === 0),
      tabindex: i === 0 ? '0' : '-1', title: info.title || '', onclick: () => showDoc(i),
    }, label));
  });
}

function showDoc(i) {
  document.querySelectorAll('#docs > .doc').forEach((el, j) => el.classList.toggle('active', i === j));
  document.querySelectorAll('#doc-tabs [role=tab]').forEach((el, j) => {
    el.setAttribute('aria-selected', String(i === j));
    el.tabIndex = i === j ? 0 : -1;
  });
}

/** A small colour chip naming an actor; clicking it lights the actor up. */
function actorButton(id, extra = '') {
  const { ix } = state;
  return h('button', {
    type: 'button', class: 'actor-btn', data: { select: id || '' }, 'aria-pressed': 'false',
    title: id ? describeActor(ix, id).join('\n') : 'no speaker named',
  }, h('span', { class: ['whosaid-mention', ...actorClasses(ix.styles, id)].join(' ') }, actorName(ix, id)), extra);
}

const CHIPS_SHOWN = 16;

function renderChips() {
  const { analysis, ix } = state;
  const counts = new Map();
  for (const m of analysis.mentions) counts.set(m.actor, (counts.get(m.actor) || 0) + 1);
  const actors = [...analysis.actors].sort((a, b) => ix.styles.get(a.id).order - ix.styles.get(b.id).order);
  const chips = actors.map((a, i) => {
    const b = actorButton(a.id, h('span', { class: 'n' }, ` ${counts.get(a.id) || 0}`));
    if (i >= CHIPS_SHOWN) b.classList.add('extra');
    return b;
  });
  const more = actors.length > CHIPS_SHOWN ? h('button', {
    type: 'button', class: 'more', 'aria-expanded': 'false',
    onclick: (e) => {
      const open = $('actor-chips').classList.toggle('all');
      e.currentTarget.setAttribute('aria-expanded', String(open));
      e.currentTarget.textContent = open ? 'Fewer' : `All ${actors.length} actors`;
    },
  }, `All ${actors.length} actors`) : null;
  $('actor-chips').classList.remove('all');
  fill($('actor-chips'), ...(actors.length ? [...chips, more] : [h('span', { class: 'muted' }, 'No actors found yet.')]));
}

/** Lights up one actor's mentions, quotes and stances everywhere; the same id again clears. */
function selectActor(id) {
  state.selected = id && id !== state.selected ? id : null;
  const docsEl = $('docs');
  docsEl.querySelectorAll('.whosaid-lit').forEach((el) => el.classList.remove('whosaid-lit'));
  document.querySelectorAll('[data-select]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.select === state.selected)));
  if (!state.selected) {
    delete docsEl.dataset.whosaidSelecting;
    return;
  }
  docsEl.dataset.whosaidSelecting = '';
  const q = CSS.escape(state.selected);
  const lit = docsEl.querySelectorAll(`[data-actor="${q}"], [data-speaker="${q}"], [data-holder="${q}"]`);
  lit.forEach((el) => el.classList.add('whosaid-lit'));
  const n = docsEl.querySelectorAll(`[data-actor="${q}"]:not([data-cont])`).length;
  setStatus(`${actorName(state.ix, state.selected)}: ${n} mentions lit. Esc clears.`);
}

/** The actor a mark stands for: a mention's actor, a quote's speaker, a stance's holder. */
function actorOfMark(el) {
  return el.dataset.actor || el.dataset.speaker || el.dataset.holder || null;
}

// ---- panels ------------------------------------------------------------------------------
function docLabels() {
  return state.analysis.documents.map((d, i) => outletLabel(d, i));
}

function renderActorsPanel() {
  const { analysis, ix } = state;
  const docIds = analysis.documents.map((d) => d.id);
  const tally = new Map();
  const bump = (actor, doc, k) => {
    if (!tally.has(actor)) tally.set(actor, new Map());
    const row = tally.get(actor);
    if (!row.has(doc)) row.set(doc, { m: 0, q: 0 });
    row.get(doc)[k]++;
  };
  for (const m of analysis.mentions) bump(m.actor, m.doc, 'm');
  for (const q of analysis.quotes) if (q.speaker) bump(q.speaker, q.doc, 'q');
  const actors = [...analysis.actors].sort((a, b) => ix.styles.get(a.id).order - ix.styles.get(b.id).order);
  const cell = (c) => h('td', {}, c ? [String(c.m), c.q ? h('span', { class: 'q' }, ` · ${c.q}q`) : null] : h('span', { class: 'muted' }, '–'));
  fill($('panel-actors'), actors.length ? h('table', { class: 'grid' },
    h('caption', {}, 'Mentions of each actor per article; “q” counts the quotes it speaks.'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Actor'), h('th', { scope: 'col' }, 'Kind'),
      docLabels().map((l, i) => h('th', { scope: 'col', title: analysis.documents[i].title || '' }, l)), h('th', { scope: 'col' }, 'Total'))),
    h('tbody', {}, actors.map((a) => {
      const row = tally.get(a.id) || new Map();
      const total = { m: 0, q: 0 };
      for (const c of row.values()) { total.m += c.m; total.q += c.q; }
      return h('tr', {}, h('th', { scope: 'row' }, actorButton(a.id)), h('td', {}, a.kind),
        docIds.map((d) => cell(row.get(d))), cell(total));
    })))
    : h('p', { class: 'muted' }, 'No actors found.'));
}

/** A quote's words with the spans that differ from its link's reference quote marked. */
function quoteWords(q, differing = []) {
  const out = [];
  let at = 0;
  for (const s of [...differing].sort((a, b) => a.start - b.start)) {
    const a = Math.max(at, s.start - q.start);
    const b = Math.min(q.text.length, s.end - q.start);
    if (b <= a) continue;
    out.push(q.text.slice(at, a), h('mark', { class: 'diff', title: 'differs from the first version' }, q.text.slice(a, b)));
    at = b;
  }
  out.push(q.text.slice(at));
  return out;
}

function showButton(selector, label = 'Show') {
  return h('button', { type: 'button', class: 'show', onclick: () => reveal(selector) }, label);
}

function quoteItem(q, variant) {
  const { ix } = state;
  const d = ix.docs.get(q.doc);
  return h('li', { class: 'quote-item' },
    h('p', { class: 'quote-meta' }, h('strong', {}, d ? outletLabel(d, d.index) : q.doc), ' · ', actorButton(q.speaker), ` · ${q.kind}`,
      variant && variant.similarity != null ? ` · ${Math.round(variant.similarity * 100)}% alike` : '', ' ',
      showButton(`[data-quote="${CSS.escape(q.id)}"]`)),
    h('blockquote', {}, quoteWords(q, variant ? variant.differing : [])));
}

function renderQuotesPanel() {
  const { analysis, ix } = state;
  const linked = new Set();
  const groups = (analysis.quote_links || []).map((l) => {
    const qs = l.quotes.map((id) => ix.quotes.get(id)).filter(Boolean);
    qs.forEach((q) => linked.add(q.id));
    const speaker = qs.find((q) => q.speaker)?.speaker;
    return h('section', { class: 'group' },
      h('h3', {}, `${actorName(ix, speaker)} — carried by ${new Set(qs.map((q) => q.doc)).size} articles`),
      h('ul', {}, qs.map((q) => quoteItem(q, (l.variants || []).find((v) => v.quote === q.id)))));
  });
  const single = analysis.quotes.filter((q) => !linked.has(q.id));
  fill($('panel-quotes'), 
    analysis.quotes.length ? null : h('p', { class: 'muted' }, 'No quotes found.'),
    groups.length ? h('h3', { class: 'sub' }, `Linked across articles (${groups.length})`) : null, ...groups,
    single.length ? h('section', { class: 'group' }, h('h3', { class: 'sub' }, `In one article only (${single.length})`), h('ul', {}, single.map((q) => quoteItem(q)))) : null);
}

function renderStancesPanel() {
  const { analysis, ix } = state;
  fill($('panel-stances'), analysis.stances.length ? h('table', { class: 'grid' },
    h('caption', {}, 'Where each actor stands: + support, − oppose, ¬ negated.'),
    h('thead', {}, h('tr', {}, ['Holder', 'Cue', 'Target', 'Polarity', 'Class', 'Article', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, analysis.stances.map((s, i) => {
      const d = ix.docs.get(s.doc);
      const mark = s.negated ? '¬' : s.polarity === 'support' ? '+' : '−';
      return h('tr', {}, h('td', {}, actorButton(s.holder)), h('td', {}, `“${s.cue.text}”`), h('td', {}, s.target.text),
        h('td', { class: `pol ${s.polarity}` }, `${mark} ${s.polarity}${s.negated ? ' (negated)' : ''}`), h('td', {}, s.class),
        h('td', {}, d ? outletLabel(d, d.index) : s.doc), h('td', {}, h('button', { type: 'button', class: 'show', onclick: () => revealStance(i) }, 'Show')));
    }))) : h('p', { class: 'muted' }, 'No stances found.'));
}

function renderVoicePanel() {
  const { analysis, ix } = state;
  const perDoc = analysis.documents.map(() => new Map());
  const all = new Map();
  for (const q of analysis.quotes) {
    const d = ix.docs.get(q.doc);
    if (!d) continue;
    const n = wordCount(q.text);
    const k = q.speaker || '';
    perDoc[d.index].set(k, (perDoc[d.index].get(k) || 0) + n);
    all.set(k, (all.get(k) || 0) + n);
  }
  const bar = (label, title, words) => {
    const total = [...words.values()].reduce((a, b) => a + b, 0);
    const parts = [...words.entries()].sort((a, b) => b[1] - a[1]);
    const barEl = h('div', { class: 'bar', role: 'img', 'aria-label': `${label}: ${parts.map(([k, n]) => `${actorName(ix, k || null)} ${n} words`).join(', ') || 'no quotes'}` },
      parts.map(([k, n]) => {
        const seg = h('span', { class: ['seg', 'whosaid-mention', ...actorClasses(ix.styles, k || null)].join(' '), title: `${actorName(ix, k || null)}: ${n} words (${Math.round((100 * n) / total)}%)` },
          n / total > 0.12 ? actorName(ix, k || null) : '');
        seg.style.flexGrow = String(n);
        return seg;
      }));
    return h('div', { class: 'voice-row' }, h('div', { class: 'voice-label', title }, label, h('span', { class: 'muted' }, ` ${total} words`)), barEl,
      h('p', { class: 'voice-list' }, parts.map(([k, n]) => `${actorName(ix, k || null)} ${Math.round((100 * n) / total)}%`).join(' · ')));
  };
  fill($('panel-voice'), 
    h('p', { class: 'muted' }, 'Quoted words per speaker in each article.'),
    ...analysis.documents.map((d, i) => bar(outletLabel(d, i), d.title || '', perDoc[i])),
    analysis.documents.length > 1 ? bar('All articles', '', all) : null);
}

/** Scrolls to and focuses the first element matching `selector` in the articles. */
function reveal(selector) {
  const el = $('docs').querySelector(selector);
  if (!el) return;
  const art = el.closest('.doc');
  if (art) showDoc(Number(art.id.slice(4)));
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}

function revealStance(i) {
  const s = state.analysis.stances[i];
  for (const el of $('docs').querySelectorAll('[data-stance]:not([data-cont])')) {
    if (state.markOf.get(el)?.ref === s) {
      const art = el.closest('.doc');
      if (art) showDoc(Number(art.id.slice(4)));
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el.focus({ preventScroll: true });
      return;
    }
  }
}

// ---- tooltip -----------------------------------------------------------------------------
const MARKS = '.whosaid-mention, .whosaid-quote, .whosaid-stance';

function tipLines(el) {
  const { ix } = state;
  const sections = [];
  for (let e = el.closest(MARKS); e && $('docs').contains(e); e = e.parentElement?.closest(MARKS)) {
    const mark = state.markOf.get(e);
    if (!mark) continue;
    if (mark.kind === 'mention') sections.push(describeActor(ix, mark.ref.actor));
    else if (mark.kind === 'quote') sections.push(describeQuote(ix, mark.ref));
    else sections.push(describeStance(ix, mark.ref));
  }
  return sections;
}

function showTip(el) {
  const sections = tipLines(el);
  const tip = $('tip');
  if (!sections.length) return hideTip();
  tip.replaceChildren(...sections.map((lines) => h('div', { class: 'tip-section' }, lines.map((l, i) => h(i ? 'p' : 'strong', {}, l)))));
  tip.hidden = false;
  const r = el.getBoundingClientRect();
  const w = tip.offsetWidth;
  const th = tip.offsetHeight;
  const left = Math.max(4, Math.min(window.innerWidth - w - 4, r.left));
  const top = r.bottom + th + 8 < window.innerHeight ? r.bottom + 6 : Math.max(4, r.top - th - 6);
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

function hideTip() {
  $('tip').hidden = true;
}

// ---- exports -----------------------------------------------------------------------------
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One CSV cell; cells that a spreadsheet would run as a formula are prefixed with '. */
function csvCell(v) {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csv = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

function exportQuotes() {
  const { analysis, ix } = state;
  const rows = [['id', 'doc', 'outlet', 'speaker', 'speaker_name', 'kind', 'link', 'start', 'end', 'cue', 'text']];
  for (const q of analysis.quotes) {
    const d = ix.docs.get(q.doc);
    rows.push([q.id, q.doc, d && d.outlet, q.speaker, q.speaker ? actorName(ix, q.speaker) : '', q.kind, ix.linkOf.get(q.id)?.id, q.start, q.end, q.cue?.text, q.text]);
  }
  download('whosaid-quotes.csv', 'text/csv', csv(rows));
}

function exportStances() {
  const { analysis, ix } = state;
  const rows = [['doc', 'outlet', 'holder', 'holder_name', 'polarity', 'negated', 'class', 'cue', 'target', 'evidence']];
  for (const s of analysis.stances) {
    const d = ix.docs.get(s.doc);
    rows.push([s.doc, d && d.outlet, s.holder, actorName(ix, s.holder), s.polarity, s.negated, s.class, s.cue.text, s.target.text, s.evidence.text]);
  }
  download('whosaid-stances.csv', 'text/csv', csv(rows));
}

// ---- adding articles ---------------------------------------------------------------------
const dropped = [];

function uniqueId(base, taken) {
  const stem = base.replace(/\.txt$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 60) || 'article';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

let reading = Promise.resolve();

/** Reads dropped or chosen .txt files into the "Add articles" list (submit waits for it). */
function addFiles(files) {
  const list = [...files];
  reading = reading.then(async () => {
    for (const f of list) {
      if (!/\.txt$/i.test(f.name) && f.type !== 'text/plain') continue;
      dropped.push({ name: f.name, text: await f.text() });
    }
    fill($('file-list'), dropped.map((f) => h('li', {}, `${f.name} (${f.text.length} characters)`)));
  });
  return reading;
}

function openAdd(files) {
  const dlg = $('add-dialog');
  if (!dlg.open) dlg.showModal();
  if (files && files.length) addFiles(files);
}

async function submitAdd(e) {
  e.preventDefault();
  await reading;
  const mode = new FormData($('add-form')).get('mode');
  const keep = mode === 'instead' ? [] : state.docs;
  const taken = new Set(keep.map((d) => d.id));
  const added = [];
  const text = $('add-text').value;
  if (text.trim()) {
    added.push({ id: uniqueId('pasted', taken), text, outlet: $('add-outlet').value.trim() || null, title: $('add-title-input').value.trim() || null });
  }
  for (const f of dropped) added.push({ id: uniqueId(f.name, taken), text: f.text, outlet: null, title: null });
  if (!added.length) return setStatus('Nothing to add: paste a text or drop .txt files.');
  $('add-dialog').close();
  $('add-form').reset();
  dropped.length = 0;
  $('file-list').replaceChildren();
  run([...keep, ...added]);
}

// ---- wiring ------------------------------------------------------------------------------
function tabKeys(list, e) {
  const tabs = [...list.querySelectorAll('[role=tab]')];
  const i = tabs.indexOf(document.activeElement);
  if (i < 0) return;
  const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
  if (j == null) return;
  e.preventDefault();
  const t = tabs[(j + tabs.length) % tabs.length];
  t.focus();
  t.click();
}

function wire() {
  const docsEl = $('docs');
  docsEl.addEventListener('click', (e) => {
    const el = e.target.closest(MARKS);
    if (el && docsEl.contains(el)) selectActor(actorOfMark(el));
  });
  docsEl.addEventListener('mouseover', (e) => (e.target.closest(MARKS) ? showTip(e.target) : hideTip()));
  docsEl.addEventListener('mouseleave', hideTip);
  docsEl.addEventListener('focusin', (e) => (e.target.matches(MARKS) ? showTip(e.target) : hideTip()));
  docsEl.addEventListener('focusout', hideTip);
  docsEl.addEventListener('keydown', (e) => {
    const body = e.target.closest('.doc-body');
    if (!body) return;
    if (e.key === 'Escape') {
      selectActor(null);
      hideTip();
      body.focus();
      return;
    }
    const step = { ArrowRight: 1, n: 1, ArrowLeft: -1, p: -1 }[e.key];
    if (step) {
      e.preventDefault();
      const stops = [...body.querySelectorAll('[tabindex="-1"]')];
      const i = stops.indexOf(e.target);
      const next = stops[i < 0 ? (step > 0 ? 0 : stops.length - 1) : i + step];
      if (next) next.focus();
    } else if ((e.key === 'Enter' || e.key === ' ') && e.target.matches(MARKS)) {
      e.preventDefault();
      selectActor(actorOfMark(e.target));
    }
  });
  document.addEventListener('click', (e) => {
    const b = e.target.closest('[data-select]');
    if (b && !docsEl.contains(b)) selectActor(b.dataset.select || null);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.selected && !$('add-dialog').open) selectActor(null);
  });
  $('doc-tabs').addEventListener('keydown', (e) => tabKeys($('doc-tabs'), e));
  const ptabs = document.querySelector('.panel-tabs');
  ptabs.addEventListener('keydown', (e) => tabKeys(ptabs, e));
  ptabs.addEventListener('click', (e) => {
    const t = e.target.closest('[role=tab]');
    if (!t) return;
    for (const tab of ptabs.querySelectorAll('[role=tab]')) {
      const on = tab === t;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      $(tab.getAttribute('aria-controls')).hidden = !on;
    }
  });
  $('add-open').addEventListener('click', () => openAdd());
  $('add-cancel').addEventListener('click', () => $('add-dialog').close());
  $('add-form').addEventListener('submit', submitAdd);
  $('add-files').addEventListener('change', (e) => addFiles(e.target.files));
  $('drop').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('add-files').click(); }
  });
  // Dropping files anywhere opens "Add articles" with them instead of navigating away.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    openAdd(e.dataTransfer?.files);
  });
  $('export-json').addEventListener('click', () => download('whosaid-analysis.json', 'application/json', `${JSON.stringify(state.analysis, null, 2)}\n`));
  $('export-quotes').addEventListener('click', exportQuotes);
  $('export-stances').addEventListener('click', exportStances);
}

wire();
setStatus('Loading the engine and the seed articles…', true);
loadSeeds().then((docs) => {
  renderPlain(docs);
  return run(docs);
}, (err) => {
  setStatus(`Could not load the seed articles: ${err.message}`);
  document.documentElement.dataset.whosaid = 'error';
});
