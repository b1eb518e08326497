// Shared by the page (app.js) and the embed (embed.js): turns an analysis into marks per
// document, and a text plus its marks into nested DOM. Article text is untrusted: it only ever
// becomes text nodes (createTextNode / textContent), never HTML.

/** Colours in the palette (Okabe–Ito, colour-blind safe) and underline styles combined with them. */
export const HUES = 8;
export const LINES = 4;

/** How deep each kind of mark nests: the page's title line outermost, then quotes, stance cues, mentions. */
const RANK = { title: 0, quote: 1, stance: 2, mention: 3 };

/**
 * Styling per actor, stable for one analysis: actors ordered by mentions (most first, then id),
 * the i-th gets hue i % 8 and underline style floor(i / 8) % 4, so the first 32 actors are all
 * distinct by colour or line — never by colour alone, since names and badges show too.
 */
export function actorStyles(analysis) {
  const count = new Map();
  for (const m of analysis.mentions) count.set(m.actor, (count.get(m.actor) || 0) + 1);
  const ids = analysis.actors.map((a) => a.id);
  ids.sort((a, b) => (count.get(b) || 0) - (count.get(a) || 0) || (a < b ? -1 : a > b ? 1 : 0));
  const styles = new Map();
  ids.forEach((id, i) => styles.set(id, { hue: i % HUES, line: Math.floor(i / HUES) % LINES, order: i }));
  return styles;
}

/** Class names carrying an actor's colour and line style (defined in marks.css). */
export function actorClasses(styles, id) {
  const s = id != null && styles.get(id);
  return s ? [`whosaid-c${s.hue}`, `whosaid-u${s.line}`] : ['whosaid-none'];
}

/** Number of words in a string (whitespace-separated runs). */
export function wordCount(s) {
  const m = s.trim().match(/\S+/g);
  return m ? m.length : 0;
}

/** Lookups an analysis needs everywhere: actors by id, quotes by id, the link of each quote. */
export function indexAnalysis(analysis) {
  const actors = new Map(analysis.actors.map((a) => [a.id, a]));
  const quotes = new Map(analysis.quotes.map((q) => [q.id, q]));
  const docs = new Map(analysis.documents.map((d, i) => [d.id, { ...d, index: i }]));
  const linkOf = new Map();
  for (const l of analysis.quote_links || []) for (const q of l.quotes) linkOf.set(q, l);
  return { actors, quotes, docs, linkOf, styles: actorStyles(analysis) };
}

/** A document's outlet for display: the outlet when known, else its position. */
export function outletLabel(doc, index) {
  return doc.outlet || `Article ${index + 1}`;
}

/** An actor's display name, or a fallback for a missing or unnamed actor. */
export function actorName(ix, id) {
  const a = id != null && ix.actors.get(id);
  return a ? a.name : id ? id : 'unattributed';
}

/** Plain-text lines describing an actor, for tooltips and titles. */
export function describeActor(ix, id) {
  const a = ix.actors.get(id);
  if (!a) return [`Actor ${id}`];
  const lines = [`${a.name} (${a.kind})`];
  if (a.affiliation) lines.push(`speaks for: ${actorName(ix, a.affiliation)}`);
  if (a.aliases && a.aliases.length) lines.push(`also: ${a.aliases.join(', ')}`);
  return lines;
}

/** Plain-text lines describing a quote: speaker, kind, and other outlets carrying it. */
export function describeQuote(ix, q) {
  const lines = [`Quote by ${actorName(ix, q.speaker)} (${q.kind})${q.cue ? ` — “${q.cue.text}”` : ''}`];
  const link = ix.linkOf.get(q.id);
  if (link) {
    for (const other of link.quotes) {
      if (other === q.id) continue;
      const o = ix.quotes.get(other);
      if (!o) continue;
      const d = ix.docs.get(o.doc);
      const v = (link.variants || []).find((x) => x.quote === other);
      const diff = v && v.differing && v.differing.length ? `; differs: ${v.differing.map((s) => s.text).join(' … ')}` : '';
      lines.push(`also in ${d ? outletLabel(d, d.index) : o.doc}${diff}`);
    }
  }
  return lines;
}

/** Plain-text lines describing a stance: holder → target, polarity, class, negation. */
export function describeStance(ix, s) {
  const pol = `${s.polarity}${s.negated ? ', negated' : ''}`;
  return [`${actorName(ix, s.holder)} → ${s.target.text}`, `${pol} (${s.class}): “${s.cue.text}”`];
}

/**
 * The marks of every document, by document id: `{kind, start, end, data, classes, ref}` where
 * `data` becomes data-* attributes (the testing contract: data-actor, data-quote + data-speaker,
 * data-stance), `ref` the analysis record. `layers` is a Set of "mentions", "quotes", "stances".
 */
export function marksByDoc(analysis, ix, layers) {
  const out = new Map(analysis.documents.map((d) => [d.id, []]));
  const push = (doc, m) => {
    const list = out.get(doc);
    if (list && m.end > m.start) list.push(m);
  };
  if (layers.has('quotes')) {
    for (const q of analysis.quotes) {
      const link = ix.linkOf.get(q.id);
      const others = link ? link.quotes.length - 1 : 0;
      const badge = actorName(ix, q.speaker) + (others ? ` ⇄${others}` : '');
      const data = { quote: q.id, speaker: q.speaker || '', badge };
      if (link) data.link = link.id;
      push(q.doc, { kind: 'quote', start: q.start, end: q.end, data, classes: actorClasses(ix.styles, q.speaker), ref: q });
    }
  }
  if (layers.has('stances')) {
    for (const s of analysis.stances) {
      const data = { stance: s.polarity, holder: s.holder, mark: s.negated ? '¬' : s.polarity === 'support' ? '+' : '−' };
      if (s.negated) data.negated = 'true';
      push(s.doc, { kind: 'stance', start: s.cue.start, end: s.cue.end, data, classes: [], ref: s });
    }
  }
  if (layers.has('mentions')) {
    for (const m of analysis.mentions) {
      push(m.doc, { kind: 'mention', start: m.start, end: m.end, data: { actor: m.actor }, classes: actorClasses(ix.styles, m.actor), ref: m });
    }
  }
  return out;
}

/** Sort key for nesting: outer kinds first, then earlier start, then longer. */
function nestOrder(a, b) {
  return RANK[a.kind] - RANK[b.kind] || a.start - b.start || b.end - a.end;
}

/**
 * Renders `text` with `marks` (offsets into `text`, any overlap allowed) as a DocumentFragment of
 * properly nested elements made by `makeEl(mark, continued)`. Interval splitting: every mark
 * start and end is a boundary; each segment between boundaries is wrapped by exactly the marks
 * covering it, outer kinds outside. A mark cut by a boundary of an outer mark continues in a new
 * element with `continued` true (only the first piece carries the badge and the focus stop).
 * `opened` (a Set) carries "already started" across calls, for marks spanning several text nodes
 * (such pieces carry `orig`, the mark they are part of).
 * Guarantees: the fragment's textContent equals `text`; article text only enters as text nodes.
 */
export function renderMarked(doc, text, marks, makeEl, opened = new Set()) {
  const frag = doc.createDocumentFragment();
  const len = text.length;
  const live = marks
    .map((m) => ({ m, s: Math.max(0, Math.min(len, m.start)), e: Math.max(0, Math.min(len, m.end)) }))
    .filter((x) => x.e > x.s);
  live.sort((a, b) => nestOrder(a.m, b.m));
  const bounds = new Set([0, len]);
  for (const x of live) bounds.add(x.s).add(x.e);
  const cuts = [...bounds].sort((a, b) => a - b);
  const byStart = [...live].sort((a, b) => a.s - b.s);
  const stack = [{ el: frag, x: null }];
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    active = active.filter((x) => x.e > a);
    while (next < byStart.length && byStart[next].s <= a) active.push(byStart[next++]);
    const cover = active.filter((x) => x.e >= b).sort((p, q) => nestOrder(p.m, q.m));
    let k = 0;
    while (k < cover.length && k + 1 < stack.length && stack[k + 1].x === cover[k]) k++;
    stack.length = k + 1;
    for (let j = k; j < cover.length; j++) {
      const x = cover[j];
      const key = x.m.orig || x.m; // a mark split over several text nodes shares its original
      const el = makeEl(x.m, opened.has(key));
      opened.add(key);
      stack[stack.length - 1].el.appendChild(el);
      stack.push({ el, x });
    }
    stack[stack.length - 1].el.appendChild(doc.createTextNode(text.slice(a, b)));
  }
  return frag;
}

/**
 * The element for one mark (or one piece of it): a <span> with the prefixed classes and the
 * data-* attributes of the testing contract. Continuation pieces get data-cont, so counting
 * `[data-actor]:not([data-cont])` counts mentions.
 */
export function markElement(doc, mark, continued) {
  const el = doc.createElement('span');
  el.className = [`whosaid-${mark.kind}`, ...mark.classes].join(' ');
  if (mark.kind === 'stance') el.classList.add(`whosaid-${mark.data.stance}`, ...(mark.data.negated ? ['whosaid-negated'] : []));
  for (const [k, v] of Object.entries(mark.data)) el.dataset[k] = v;
  if (continued) el.dataset.cont = '';
  return el;
}
