// The embed's checks, run against any server holding embed.js with tests/fixtures/ mounted at
// /fixtures/ beside it: embed.test.mjs runs them on www/, dist.test.mjs on a copy of dist/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { watchErrors, ROOT, WWW } from './helpers.mjs';

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** Opens a fixture and waits until every <who-said> on it has rendered an analysis. */
export async function openFixture(context, url) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('who-said')];
    return els.length > 0 && els.every((e) => e.analysis);
  }, null, { timeout: 20000 });
  return { page, errors };
}

/** Per <who-said>: its documents, analysis, and what the marks in its targets say. */
export function embedState(page) {
  return page.evaluate(() => [...document.querySelectorAll('who-said')].map((w) => {
    const targets = [...document.querySelectorAll(w.getAttribute('target'))];
    const first = (sel) => targets.flatMap((t) => [...t.querySelectorAll(sel)]);
    return {
      target: w.getAttribute('target'),
      analysis: w.analysis,
      docs: w.documents,
      text: targets.map((t) => t.textContent),
      mentions: first('[data-actor]:not([data-cont])').map((e) => [e.dataset.actor, e.textContent]),
      quotes: first('[data-quote]:not([data-cont])').map((e) => [e.dataset.quote, e.dataset.speaker]),
      stances: first('[data-stance]:not([data-cont])').length,
      unprefixed: first('.whosaid-mention, .whosaid-quote, .whosaid-stance').filter((e) => e.tagName !== 'SPAN').length,
    };
  }));
}

/** The engine's marks agree with the highlights drawn in the host text. */
export function assertMarksMatch(state) {
  for (const s of state) {
    const a = s.analysis;
    assert.equal(s.mentions.length, a.mentions.length, 'one highlighted first piece per mention');
    assert.equal(s.quotes.length, a.quotes.length, 'one marked first piece per quote');
    assert.equal(s.stances, a.stances.length, 'one marked first piece per stance cue');
    for (const [actor, text] of s.mentions) {
      assert.ok(a.mentions.some((m) => m.actor === actor && norm(m.text).startsWith(norm(text))), `highlight “${text}” (${actor}) is an analysed mention`);
    }
    for (const [id, speaker] of s.quotes) {
      const q = a.quotes.find((x) => x.id === id);
      assert.ok(q, `quote ${id} is in the analysis`);
      assert.equal(speaker, q.speaker || '');
    }
    assert.equal(s.unprefixed, 0);
  }
}

/**
 * A hand-made analysis of a <who-said>'s documents: each listed surface string becomes a
 * mention of its own actor (id = "a<k>"), plus one quote and one stance, so the offset mapping
 * is checked whatever the engine finds. Runs in the page.
 */
export async function highlightByHand(page, index, surfaces, quote, cue) {
  return page.evaluate(([index, surfaces, quote, cue]) => {
    const w = document.querySelectorAll('who-said')[index];
    const docs = w.documents;
    const doc = docs[0];
    const span = (s) => {
      const start = doc.text.indexOf(s);
      if (start < 0) throw new Error(`not in the text: ${s}`);
      return { start, end: start + s.length, text: s };
    };
    const analysis = {
      version: 1,
      documents: docs.map((d) => ({ id: d.id, title: null, outlet: null, length: d.text.length })),
      actors: surfaces.map((s, k) => ({ id: `a${k}`, name: s, kind: 'person', aliases: [s], affiliation: null })),
      mentions: surfaces.map((s, k) => ({ doc: doc.id, actor: `a${k}`, ...span(s) })),
      quotes: [{ id: 'q1', doc: doc.id, ...span(quote), speaker: 'a0', cue: null, kind: 'direct' }],
      quote_links: [],
      stances: [{ doc: doc.id, holder: 'a0', polarity: 'oppose', class: 'deny', negated: false, cue: span(cue), target: span(cue), evidence: span(cue) }],
    };
    if (!w.highlight(analysis)) throw new Error('highlight refused the analysis');
    const target = document.querySelector(w.getAttribute('target'));
    const pieces = (sel) => [...target.querySelectorAll(sel)];
    return {
      mentions: surfaces.map((s, k) => pieces(`[data-actor="a${k}"]`).map((e) => e.textContent).join('')),
      quote: pieces('[data-quote="q1"]').map((e) => e.textContent).join(''),
      cue: pieces('[data-stance]').map((e) => e.textContent).join(''),
    };
  }, [index, surfaces, quote, cue]);
}

/** All checks on the realistic fixture pages, given the base URL of the served folder. */
export function embedChecks(test, getContext, getBase, label = 'embed') {
  test(`${label}: highlights follow the engine on a realistic page, two <who-said>, no console errors`, async () => {
    const { page, errors } = await openFixture(getContext(), `${getBase()}/fixtures/news.html`);
    const state = await embedState(page);
    assert.equal(state.length, 2);
    assertMarksMatch(state);
    const [main, second] = state;
    assert.match(main.docs[0].text, /^Port strike deepens as ministers trade blame\n\nBy Maria Lindqvist, Reuters\n\nThe strike at the Port of Valmora/);
    assert.ok(!/Advertisement|hidden and must not|Enable JavaScript|analytics|schema\.org/.test(main.docs[0].text), 'ads, hidden text, noscript and scripts are left out');
    assert.match(main.docs[0].text, /Helena Brandt, rejected/);
    assert.match(main.docs[0].text, /Association\.\nOkafor said/, '<br> becomes a line break');
    assert.match(second.docs[0].text, /^Exporters count the cost\n\nAna Pereira/);
    const panels = await page.evaluate(() => [...document.querySelectorAll('who-said')].map((w) => ({
      summary: w.shadowRoot.querySelector('summary')?.textContent,
      open: w.shadowRoot.querySelector('details').open,
      position: getComputedStyle(w).position,
    })));
    assert.match(panels[0].summary, /^whosaid · \d+ actors · \d+ quotes · \d+ stances$/);
    assert.deepEqual([panels[0].open, panels[1].open], [true, false], 'the collapsed attribute closes the second panel');
    assert.equal(panels[0].position, 'fixed', 'the panel stylesheet applies inside the shadow root');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${label}: offsets map onto the host DOM across inline elements; text unchanged; restored exactly`, async () => {
    const { page, errors } = await openFixture(getContext(), `${getBase()}/fixtures/news.html`);
    // The page as its HTML says, before any script ran: an inert parse of the same file. Inert
    // parsers read <noscript> as markup, a live page as text: both sides compare without it.
    const before = await page.evaluate(async () => {
      const pristine = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      const t = pristine.querySelector('#main-story .story-body');
      t.querySelectorAll('noscript').forEach((n) => n.remove());
      return { text: t.textContent, html: t.innerHTML };
    });
    const live = () => page.evaluate(() => {
      const t = document.querySelector('#main-story .story-body').cloneNode(true);
      t.querySelectorAll('noscript').forEach((n) => n.remove());
      return { text: t.textContent, html: t.innerHTML, body: document.body.textContent };
    });
    const withEngine = await live();
    assert.equal(withEngine.text, before.text, 'textContent identical with the engine\'s marks in');
    const surfaces = ['Transport Minister Daniel Okafor', 'Helena Brandt', 'Valmora Shippers\' Association', 'Tomas Reyes/Reuters', 'Okafor', 'Port of Valmora'];
    const got = await highlightByHand(page, 0, surfaces, 'Every day of this strike costs exporters millions,', 'rejected the charge');
    assert.deepEqual(got.mentions, [
      'Transport Minister Daniel Okafor', // crosses text, <strong>, <a>
      'Helena Brandt', // crosses <em> and a nested <span>
      'Valmora Shippers\'\n       Association', // a line break in the source, one space in the engine's text
      'Tomas Reyes/Reuters', // inside a <figcaption>, across <em>
      'Okafor', 'Port of Valmora',
    ]);
    assert.equal(norm(got.quote), 'Every day of this strike costs exporters millions,');
    assert.equal(got.cue, 'rejected the charge');
    const during = { ...(await live()), ...(await page.evaluate(() => {
      const m = document.querySelector('#main-story [data-actor="a1"]');
      return { bg: getComputedStyle(m).backgroundColor, line: getComputedStyle(m).textDecorationLine };
    })) };
    assert.equal(during.text, before.text, 'textContent identical with the hand-made marks in');
    assert.equal(during.body, withEngine.body);
    assert.notEqual(during.bg, 'rgba(0, 0, 0, 0)', 'marks.css styles the marks in the host page');
    assert.equal(during.line, 'underline');
    // Clicking an actor in the panel lights up its marks in the host text.
    await page.evaluate(() => document.querySelector('who-said').shadowRoot.querySelector('[data-select="a4"]').click());
    const lit = await page.evaluate(() => [...document.querySelectorAll('#main-story .whosaid-lit')].map((e) => e.textContent));
    assert.ok(lit.includes('Okafor') && !lit.includes('Helena Brandt'));
    await page.evaluate(() => document.querySelector('who-said').remove());
    const after = { ...(await live()), ...(await page.evaluate(() => ({
        marks: document.querySelectorAll('#main-story [class*="whosaid"], #main-story [data-whosaid-selecting]').length,
        sheets: document.querySelectorAll('link[data-whosaid]').length,
    }))) };
    assert.equal(after.html, before.html, 'remove() restores the markup exactly');
    assert.equal(after.text, before.text);
    assert.equal(after.marks, 0);
    assert.equal(after.sheets, 1, 'the second <who-said> still needs marks.css');
    await page.evaluate(() => document.querySelector('who-said').setAttribute('disabled', ''));
    assert.equal(await page.evaluate(() => document.querySelectorAll('[class*="whosaid-"], link[data-whosaid]').length), 0, 'disabled restores the second article and drops the stylesheet');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${label}: content arriving after load is picked up, and refresh() re-reads`, async () => {
    const { page, errors } = await openFixture(getContext(), `${getBase()}/fixtures/news.html`);
    const added = 'Late on Tuesday, union leader Helena Brandt said talks would resume on Friday.';
    const docs = await page.evaluate(async (added) => {
      const w = document.querySelector('who-said');
      const rendered = new Promise((resolve) => w.addEventListener('whosaid-ready', resolve, { once: true }));
      const p = document.createElement('p');
      p.textContent = added;
      document.querySelector('#main-story .story-body').append(p);
      await rendered;
      return w.documents;
    }, added);
    assert.ok(docs[0].text.endsWith(`\n\n${added}`), 'the new paragraph is part of the analysed text');
    assertMarksMatch(await embedState(page));
    const textBefore = await page.evaluate(() => document.body.textContent);
    await page.evaluate(() => document.querySelector('who-said').refresh());
    assertMarksMatch(await embedState(page));
    assert.equal(await page.evaluate(() => document.body.textContent), textBefore, 'refresh() leaves the text as it was');
    // A new <who-said> on content inserted later.
    await page.evaluate(async () => {
      const a = document.createElement('article');
      a.id = 'third';
      const p = document.createElement('p');
      p.textContent = 'Port officials said the backlog would take weeks to clear.';
      a.append(p);
      document.querySelector('main').append(a);
      const w = document.createElement('who-said');
      w.setAttribute('target', '#third');
      w.setAttribute('panel', 'none');
      const ready = new Promise((resolve) => w.addEventListener('whosaid-ready', resolve, { once: true }));
      a.append(w); // inside its own target: it reads around itself
      await ready;
    });
    const state = await embedState(page);
    assert.equal(state.length, 3);
    assertMarksMatch(state);
    assert.equal(state.find((x) => x.target === '#third').docs[0].text, 'Port officials said the backlog would take weeks to clear.');
    // The host edits text that sits inside a mark: the edit is kept and re-analysed.
    const edited = await page.evaluate(async () => {
      const w = document.querySelector('who-said[target="#main-story .story-body"]');
      const t = document.querySelector('#main-story .story-body');
      const walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && !node.data.includes('third week')) node = walker.nextNode();
      const rendered = new Promise((resolve) => w.addEventListener('whosaid-ready', resolve, { once: true }));
      node.data = node.data.replace('third week', 'fourth week');
      await rendered;
      return { doc: w.documents[0].text, text: t.textContent };
    });
    assert.match(edited.doc, /entered its fourth week/);
    assert.match(edited.text, /entered its fourth week/);
    assertMarksMatch(await embedState(page));
    // The same for text inside one of our marks (restoring must not bring the old text back).
    const inMark = await page.evaluate(async () => {
      const w = document.querySelector('who-said[target="#main-story .story-body"]');
      const mark = document.querySelector('#main-story :is(.whosaid-mention, .whosaid-quote, .whosaid-stance)');
      if (!mark) return null;
      const node = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT).nextNode();
      const rendered = new Promise((resolve) => w.addEventListener('whosaid-ready', resolve, { once: true }));
      const upper = node.data.toUpperCase() === node.data ? node.data.toLowerCase() : node.data.toUpperCase();
      node.data = upper;
      await rendered;
      return { upper, doc: w.documents[0].text, text: document.querySelector('#main-story .story-body').textContent };
    });
    if (inMark) {
      assert.ok(inMark.text.includes(inMark.upper), 'the host\'s edit inside a mark is kept');
      assert.ok(inMark.doc.includes(inMark.upper.replace(/\s+/g, ' ').trim()), 'and analysed');
      assertMarksMatch(await embedState(page));
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${label}: options: layers, panel position, colours from host custom properties`, async () => {
    const { page, errors } = await openFixture(getContext(), `${getBase()}/fixtures/news.html`);
    const after = await page.evaluate(async () => {
      const w = document.querySelector('who-said');
      const rendered = new Promise((resolve) => w.addEventListener('whosaid-ready', resolve, { once: true }));
      w.setAttribute('layers', 'mentions');
      await rendered;
      const t = document.querySelector('#main-story');
      const marks = {
        mentions: t.querySelectorAll('[data-actor]:not([data-cont])').length,
        quotes: t.querySelectorAll('[data-quote]').length,
        stances: t.querySelectorAll('[data-stance]').length,
        analysed: w.analysis.mentions.length,
      };
      w.setAttribute('panel', 'inline');
      const inline = getComputedStyle(w).position;
      w.setAttribute('panel', 'none');
      const none = getComputedStyle(w).display;
      return { marks, inline, none };
    });
    assert.deepEqual(after.marks, { mentions: after.marks.analysed, quotes: 0, stances: 0, analysed: after.marks.analysed });
    assert.equal(after.inline, 'static');
    assert.equal(after.none, 'none');
    // A host colour for actor slot 0 reaches the marks in that slot.
    await highlightByHand(page, 0, ['Helena Brandt'], 'The minister prefers headlines to negotiations.', 'rejected');
    const colour = await page.evaluate(() => {
      document.querySelector('#main-story').style.setProperty('--whosaid-c0', 'rgb(1, 2, 3)');
      return getComputedStyle(document.querySelector('#main-story .whosaid-mention.whosaid-c0')).textDecorationColor;
    });
    assert.equal(colour, 'rgb(1, 2, 3)');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${label}: a strict Content-Security-Policy page works`, async () => {
    const { page, errors } = await openFixture(getContext(), `${getBase()}/fixtures/csp.html`);
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    assertMarksMatch(await embedState(page));
    const got = await highlightByHand(page, 0, ['Helena Brandt'], 'The minister prefers headlines to negotiations.', 'rejected');
    assert.deepEqual(got.mentions, ['Helena Brandt']);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-actor="a0"]')).backgroundColor !== 'rgba(0, 0, 0, 0)', null, { timeout: 5000 }).catch(() => {});
    const styled = await page.evaluate(() => ({
      bg: getComputedStyle(document.querySelector('[data-actor="a0"]')).backgroundColor,
      panel: getComputedStyle(document.querySelector('who-said')).position,
    }));
    assert.notEqual(styled.bg, 'rgba(0, 0, 0, 0)', 'marks styled under style-src self');
    assert.equal(styled.panel, 'fixed', 'panel styled under style-src self');
    assert.deepEqual(errors, [], 'no CSP violation or other console error');
    await page.close();
  });

  test(`${label}: a hostile article runs nothing and keeps its text`, async () => {
    const { page, errors } = await openFixture(getContext(), `${getBase()}/fixtures/hostile.html`);
    const before = fs.readFileSync(path.join(ROOT, 'tests/fixtures/hostile.html'), 'utf8');
    assert.match(before, /&lt;img src=x onerror=/);
    const state = await embedState(page);
    assertMarksMatch(state);
    const same = await page.evaluate(async () => {
      const pristine = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return pristine.querySelector('article.story').textContent === document.querySelector('article.story').textContent;
    });
    assert.equal(same, true, 'the article keeps its text with the marks in');
    const got = await highlightByHand(page, 0, ['John Smith', 'Mary Jones'], 'We will strike again <img src=x onerror="document.documentElement.dataset.pwned = \'img\'">,', 'warned');
    assert.equal(got.quote, 'We will strike again <img src=x onerror="document.documentElement.dataset.pwned = \'img\'">,');
    await page.locator('[data-quote="q1"]').first().hover();
    await page.waitForTimeout(100);
    const harm = await page.evaluate(() => ({
      pwned: document.documentElement.dataset.pwned || null,
      injected: document.querySelectorAll('article img, article script, article b, who-said img').length,
      panelInjected: document.querySelector('who-said').shadowRoot.querySelectorAll('img, script, b').length,
    }));
    assert.deepEqual(harm, { pwned: null, injected: 0, panelInjected: 0 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${label}: the README snippet works pasted into a blank page`, async () => {
    const readme = fs.readFileSync(path.join(WWW, 'README-embed.md'), 'utf8');
    const snippet = /```html\n([^]*?)```/.exec(readme)[1];
    assert.match(snippet, /<script type="module" src="https:\/\/example\.org\/whosaid\/embed\.js"><\/script>/);
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Blank</title><link rel="icon" href="data:,"></head><body>
<article><div class="story-body"><h1>Minister quits</h1><p>"I have done my duty," Health Minister Karen Olsen said on Friday.<br><br>
She will stay on as an MP.<br>Officials confirmed it.</p></div></article>
${snippet.replace('https://example.org/whosaid/', `${getBase()}/`)}</body></html>`;
    const page = await getContext().newPage();
    const errors = watchErrors(page);
    // The window's own property names before any page script: the embed must add none.
    await page.addInitScript(() => Object.defineProperty(window, '__namesBefore', { value: Object.getOwnPropertyNames(window), enumerable: false }));
    await page.route(`${getBase()}/blank.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${getBase()}/blank.html`);
    await page.waitForFunction(() => document.querySelector('who-said')?.analysis, null, { timeout: 20000 });
    const state = await embedState(page);
    assert.equal(state[0].docs[0].text, 'Minister quits\n\n"I have done my duty," Health Minister Karen Olsen said on Friday.\n\nShe will stay on as an MP.\nOfficials confirmed it.', 'a CMS\'s <br><br> is a paragraph break');
    const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.__namesBefore.includes(n) && n !== '__namesBefore'));
    assert.deepEqual(added, [], 'the embed defines no globals');
    assertMarksMatch(state);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
