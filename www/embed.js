// <who-said target="article .story-body"></who-said>: whosaid's highlights in a host page's own
// article text, plus a collapsible summary panel in Shadow DOM.
//
// Attributes: target (CSS selector; every match is one article, analysed together; default
// "article"), layers ("mentions quotes stances"), panel ("bottom-right" | "bottom-left" |
// "top-right" | "top-left" | "inline" | "none"), collapsed (panel starts closed), outlet (the
// outlet's name, given to the engine), skip (selector of parts to leave out; default
// "aside, nav, [aria-hidden=true], [data-whosaid-skip]"), disabled (restores the page).
// Methods and properties: refresh() re-reads and re-analyses the targets (done by itself on DOM
// changes); documents (the texts given to the engine); analysis (the last one rendered);
// highlight(analysis) renders an analysis of `documents` made elsewhere.
// Events: "whosaid-ready" after each rendering. Colours: the --whosaid-* custom properties of
// marks.css, set on the host page.
//
// Guarantees: the host's text is only wrapped (its textContent never changes); removing the
// element or setting `disabled` puts the original text nodes back; no globals; the engine and
// styles load relative to this file, so the folder can live on any static host. Needs CSP
// script-src with 'wasm-unsafe-eval' for the engine; nothing inline, no eval.
import {
  indexAnalysis, marksByDoc, renderMarked, markElement, outletLabel, actorName, actorClasses,
  describeActor, describeQuote, describeStance, wordCount,
} from './marks.js';

const BASE = import.meta.url;
const TAG = 'who-said';
const DEFAULT_SKIP = 'aside, nav, [aria-hidden=true], [data-whosaid-skip]';
const NEVER_TEXT = 'script, style, noscript, template, textarea, select, button, svg, math, canvas, iframe, object, video, audio, who-said, [hidden]';

/** Nodes this module inserted or set aside, so DOM observers can tell our changes from the host's. */
const ours = new WeakSet();

let engine = null;
/** The wasm engine, loaded once per page, relative to this module. */
function loadEngine() {
  engine ||= import(new URL('./pkg/whosaid.js', BASE).href).then(async (mod) => {
    await mod.default({ module_or_path: new URL('./pkg/whosaid_bg.wasm', BASE) });
    return mod;
  });
  return engine;
}

let sheetUsers = 0;
let sheet = null;
/** Adds marks.css to the host document while at least one <who-said> has marks in it. */
function useMarkStyles(on) {
  sheetUsers += on ? 1 : -1;
  if (sheetUsers > 0 && !sheet) {
    sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = new URL('./marks.css', BASE).href;
    sheet.dataset.whosaid = '';
    ours.add(sheet);
    document.head.append(sheet);
  } else if (sheetUsers <= 0 && sheet) {
    sheet.remove();
    sheet = null;
    sheetUsers = 0;
  }
}

function isBlock(el) {
  if (el.tagName === 'BR') return false;
  const d = getComputedStyle(el).display;
  return !(d.startsWith('inline') || d === 'contents' || d === 'none' || d.startsWith('ruby'));
}

function isHidden(el) {
  const cs = getComputedStyle(el);
  return cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse';
}

/**
 * Reads an element's visible text the way a reader sees it: whitespace runs collapse to one
 * space (except under white-space: pre*), block boundaries become "\n\n", <br> becomes "\n"
 * and <br><br> "\n\n".
 * Returns {text, pieces}; each piece maps text[at, at+len) to node.data[nodeStart, nodeStart+nodeLen),
 * one to one except a collapsed whitespace run (len 1, nodeLen = the run's length).
 */
export function extractText(root, skip = DEFAULT_SKIP) {
  let text = '';
  const pieces = [];
  let pending = '';
  let lastBlock = null;
  const blockOf = new Map();
  const nearestBlock = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (!blockOf.has(el)) blockOf.set(el, el === root || isBlock(el));
      if (blockOf.get(el)) return el;
      if (el === root) return root;
    }
    return root;
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      if (node.matches(NEVER_TEXT) || (skip && node.matches(skip)) || isHidden(node)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const trimEnd = () => {
    const last = pieces[pieces.length - 1];
    if (last && last.ws && text.endsWith(' ')) {
      pieces.pop();
      text = text.slice(0, -1);
    }
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      // One <br> is a line break; two in a row (a CMS's paragraph) are a paragraph break.
      if (node.tagName === 'BR' && text) pending = pending ? '\n\n' : '\n';
      continue;
    }
    const block = nearestBlock(node);
    if (block !== lastBlock && text) pending = '\n\n';
    lastBlock = block;
    const pre = getComputedStyle(node.parentElement).whiteSpace.startsWith('pre');
    const re = pre ? /[^]+/g : /[ \t\n\r\f]+|[^ \t\n\r\f]+/g;
    for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
      const ws = !pre && /^[ \t\n\r\f]/.test(m[0]);
      if (ws) {
        if (!text || pending || text.endsWith(' ') || text.endsWith('\n')) continue;
        pieces.push({ node, nodeStart: m.index, nodeLen: m[0].length, at: text.length, len: 1, ws: true });
        text += ' ';
        continue;
      }
      if (pending) {
        trimEnd();
        text += pending;
        pending = '';
      }
      pieces.push({ node, nodeStart: m.index, nodeLen: m[0].length, at: text.length, len: m[0].length });
      text += m[0];
    }
  }
  trimEnd();
  return { text, pieces };
}

/** Splits each mark (engine offsets into `text`) into per-text-node marks with local offsets. */
function marksPerNode(pieces, marks) {
  const perNode = new Map();
  for (const mark of marks) {
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid].at + pieces[mid].len <= mark.start) lo = mid + 1;
      else hi = mid;
    }
    const ranges = new Map();
    for (let i = lo; i < pieces.length && pieces[i].at < mark.end; i++) {
      const p = pieces[i];
      const a = Math.max(mark.start, p.at) - p.at;
      const b = Math.min(mark.end, p.at + p.len) - p.at;
      if (b <= a) continue;
      const s = p.ws ? p.nodeStart : p.nodeStart + a;
      const e = p.ws ? p.nodeStart + p.nodeLen : p.nodeStart + b;
      const r = ranges.get(p.node);
      ranges.set(p.node, r ? { s: Math.min(r.s, s), e: Math.max(r.e, e) } : { s, e });
    }
    for (const [node, r] of ranges) {
      if (!perNode.has(node)) perNode.set(node, []);
      perNode.get(node).push({ ...mark, start: r.s, end: r.e, orig: mark });
    }
  }
  return perNode;
}

function el(tag, props = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const kid of kids.flat()) if (kid != null) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}

class WhoSaid extends HTMLElement {
  static get observedAttributes() {
    return ['target', 'layers', 'panel', 'skip', 'outlet', 'disabled'];
  }

  #wrapped = []; // {original, inserted[]} per text node we replaced, in document order
  #selecting = []; // target elements we gave data-whosaid-selecting
  #observer = null;
  #timer = 0;
  #generation = 0;
  #styled = false;
  #analysis = null;
  #targets = [];
  #selected = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    for (const href of ['./marks.css', './embed.css']) root.append(el('link', { rel: 'stylesheet', href: new URL(href, BASE).href }));
    root.append(el('details', { class: 'panel', part: 'panel' }));
  }

  /** The last analysis rendered (the contract's object), or null. */
  get analysis() {
    return this.#analysis;
  }

  connectedCallback() {
    // Open unless asked otherwise; on a phone-sized screen a floating panel starts closed.
    const small = this.getAttribute('panel') !== 'inline' && matchMedia('(max-width: 40rem)').matches;
    if (!this.hasAttribute('collapsed') && !small) this.shadowRoot.querySelector('details').open = true;
    this.#observer = new MutationObserver((records) => this.#onMutations(records));
    this.#observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    this.refresh();
  }

  disconnectedCallback() {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#observer?.disconnect();
    this.#observer = null;
    this.#restore();
    this.#useStyles(false);
  }

  attributeChangedCallback() {
    if (this.isConnected && this.#observer) this.refresh();
  }

  /** The documents the targets give the engine: [{id, text, outlet, title}], in target order. */
  get documents() {
    return this.#read().docs;
  }

  #read() {
    const targets = [...document.querySelectorAll(this.getAttribute('target') || 'article')];
    const skip = this.getAttribute('skip') ?? DEFAULT_SKIP;
    const extracted = targets.map((t) => extractText(t, skip));
    const docs = extracted.map((x, i) => ({ id: `${TAG}-${i + 1}`, text: x.text, outlet: this.getAttribute('outlet') || null, title: null }));
    return { targets, extracted, docs };
  }

  /** Re-reads the targets, analyses them and highlights them again. Resolves when done. */
  async refresh() {
    const gen = ++this.#generation;
    clearTimeout(this.#timer);
    if (this.hasAttribute('disabled')) {
      this.#restore();
      this.#useStyles(false);
      this.#renderPanel(null, 'whosaid is off on this page.');
      return;
    }
    this.#useStyles(true);
    // Our marks leave the text as it is, so the current marks stay until the new ones replace them.
    const { docs } = this.#read();
    let analysis;
    try {
      const { analyze } = await loadEngine();
      analysis = analyze(docs);
    } catch (err) {
      if (gen === this.#generation) this.#renderPanel(null, `whosaid could not run: ${err.message}`);
      return;
    }
    if (gen !== this.#generation) return;
    // The page may have changed while the engine ran: start over if the text moved.
    if (!this.highlight(analysis)) this.#schedule();
  }

  /**
   * Highlights the targets with `analysis`, an analysis of exactly `this.documents` (as the
   * engine made it in refresh(), or one made elsewhere, e.g. by the command line). Returns false,
   * changing nothing, when the targets' text is no longer what the analysis describes.
   */
  highlight(analysis) {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#restore();
    const { targets, extracted, docs } = this.#read();
    const fits = analysis.documents.length === docs.length && analysis.documents.every((d, i) => d.id === docs[i].id && d.length === docs[i].text.length);
    if (!fits) return false;
    this.#analysis = analysis;
    this.#targets = targets;
    this.#quietly(() => this.#wrap(analysis, extracted));
    this.#renderPanel(analysis);
    this.dispatchEvent(new CustomEvent('whosaid-ready', { detail: { analysis } }));
    return true;
  }

  #layers() {
    const asked = (this.getAttribute('layers') || 'mentions quotes stances').split(/[\s,]+/);
    return new Set(asked.filter((l) => ['mentions', 'quotes', 'stances'].includes(l)));
  }

  #wrap(analysis, extracted) {
    const ix = indexAnalysis(analysis);
    const byDoc = marksByDoc(analysis, ix, this.#layers());
    const titles = new Map();
    const titleOf = (mark) => {
      if (!titles.has(mark.ref)) {
        const lines = mark.kind === 'mention' ? describeActor(ix, mark.ref.actor) : mark.kind === 'quote' ? describeQuote(ix, mark.ref) : describeStance(ix, mark.ref);
        titles.set(mark.ref, lines.join('\n'));
      }
      return titles.get(mark.ref);
    };
    const makeEl = (mark, continued) => {
      const e = markElement(document, mark, continued);
      e.title = titleOf(mark);
      ours.add(e);
      return e;
    };
    const opened = new Set();
    analysis.documents.forEach((d, i) => {
      const perNode = marksPerNode(extracted[i].pieces, byDoc.get(d.id) || []);
      for (const [node, marks] of perNode) {
        if (!node.parentNode) continue;
        const frag = renderMarked(document, node.data, marks, makeEl, opened);
        const inserted = [...frag.childNodes];
        for (const n of inserted) ours.add(n);
        ours.add(node);
        node.replaceWith(frag);
        this.#wrapped.push({ original: node, inserted });
      }
    });
  }

  /** Puts every original text node back where its wrapped copy stands. */
  #restore() {
    this.#quietly(() => {
      this.#select(null);
      for (const { original, inserted } of this.#wrapped.reverse()) {
        const first = inserted.find((n) => n.parentNode);
        // Keep any edit the host made to the text while it was wrapped.
        const now = inserted.map((n) => n.textContent).join('');
        if (now !== original.data) original.data = now;
        if (first) first.parentNode.insertBefore(original, first);
        for (const n of inserted) n.remove();
      }
      this.#wrapped = [];
    });
  }

  /** Holds marks.css in the host document while this element is live (loaded before any mark). */
  #useStyles(on) {
    if (on === this.#styled) return;
    this.#quietly(() => useMarkStyles(on));
    this.#styled = on;
  }

  /** Runs a DOM change of ours without our observer hearing it. */
  #quietly(fn) {
    fn();
    this.#observer?.takeRecords();
  }

  #onMutations(records) {
    const foreign = records.some((r) => {
      if (r.type === 'characterData') return true;
      const nodes = [...r.addedNodes, ...r.removedNodes];
      return nodes.length > 0 && !nodes.every((n) => ours.has(n) || this.shadowRoot.contains(n));
    });
    if (!foreign) return;
    const sel = this.getAttribute('target') || 'article';
    const now = [...document.querySelectorAll(sel)];
    const changed = now.length !== this.#targets.length || now.some((t, i) => t !== this.#targets[i])
      || records.some((r) => this.#targets.some((t) => t.contains(r.target)));
    if (changed) this.#schedule();
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.refresh(), 150);
  }

  /** Lights up one actor's marks in the host text; null clears. */
  #select(id) {
    this.#selected = id;
    for (const t of this.#selecting) t.removeAttribute('data-whosaid-selecting');
    this.#selecting = [];
    for (const { inserted } of this.#wrapped) {
      for (const n of inserted) {
        if (n.nodeType !== Node.ELEMENT_NODE) continue;
        for (const m of [n, ...n.querySelectorAll('*')]) {
          const who = m.dataset.actor || m.dataset.speaker || m.dataset.holder;
          m.classList.toggle('whosaid-lit', id != null && who === id);
        }
      }
    }
    if (id == null) return;
    for (const t of this.#targets) {
      if (!t.hasAttribute('data-whosaid-selecting')) {
        t.setAttribute('data-whosaid-selecting', '');
        this.#selecting.push(t);
      }
    }
    this.shadowRoot.querySelectorAll('[data-select]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.select === id)));
  }

  #renderPanel(analysis, message) {
    const details = this.shadowRoot.querySelector('details');
    if (!analysis) {
      details.replaceChildren(el('summary', {}, 'whosaid'), ...(message ? [el('p', { class: 'note' }, message)] : []));
      return;
    }
    const ix = indexAnalysis(analysis);
    const words = new Map();
    const quotes = new Map();
    for (const q of analysis.quotes) {
      const k = q.speaker || '';
      words.set(k, (words.get(k) || 0) + wordCount(q.text));
      quotes.set(k, (quotes.get(k) || 0) + 1);
    }
    const total = [...words.values()].reduce((a, b) => a + b, 0) || 1;
    const mentions = new Map();
    for (const m of analysis.mentions) mentions.set(m.actor, (mentions.get(m.actor) || 0) + 1);
    const chip = (id) => el('button', {
      type: 'button', class: ['chip', 'whosaid-mention', ...actorClasses(ix.styles, id)].join(' '), 'data-select': id || '',
      'aria-pressed': 'false', title: id ? describeActor(ix, id).join('\n') : 'no speaker named',
      onclick: () => this.#select(this.#selected === id || !id ? null : id),
    }, actorName(ix, id));
    const speakers = [...words.entries()].sort((a, b) => b[1] - a[1]);
    const actors = [...analysis.actors].sort((a, b) => ix.styles.get(a.id).order - ix.styles.get(b.id).order);
    const stancesOf = (id) => analysis.stances.filter((s) => s.holder === id);
    const meter = (id, n) => {
      const fill = el('span', { class: ['fill', ...actorClasses(ix.styles, id)].join(' ') });
      fill.style.width = `${Math.max(2, Math.round((100 * n) / total))}%`; // CSSOM: allowed under a strict CSP
      return el('span', { class: 'meter', role: 'img', 'aria-label': `${Math.round((100 * n) / total)}% of quoted words` }, fill);
    };
    details.replaceChildren(...[
      el('summary', {}, `whosaid · ${analysis.actors.length} actors · ${analysis.quotes.length} quotes · ${analysis.stances.length} stances`),
      el('section', {}, el('h2', {}, 'Who is quoted'),
        speakers.length ? el('ol', { class: 'voices' }, speakers.map(([id, n]) => el('li', {}, chip(id || null), meter(id || null, n),
          el('span', { class: 'num' }, `${n} words · ${quotes.get(id)} quote${quotes.get(id) === 1 ? '' : 's'}`))))
          : el('p', { class: 'note' }, 'No quotes found.')),
      el('section', {}, el('h2', {}, 'Actors and stances'),
        actors.length ? el('ul', { class: 'actors' }, actors.map((a) => el('li', {}, chip(a.id), el('span', { class: 'num' }, ` ${mentions.get(a.id) || 0}×`),
          stancesOf(a.id).length ? el('ul', { class: 'stances' }, stancesOf(a.id).map((s) => el('li', { class: s.polarity },
            `${s.negated ? '¬' : s.polarity === 'support' ? '+' : '−'} ${s.cue.text} → ${s.target.text}`))) : null)))
          : el('p', { class: 'note' }, 'No actors found.')),
      analysis.documents.length > 1 ? el('p', { class: 'note' }, `${analysis.documents.length} articles: ${analysis.documents.map((d, i) => outletLabel(d, i)).join(', ')}`) : null,
    ].filter(Boolean));
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, WhoSaid);
