// dist/ (scripts/dist.sh) published below a site root and served by a plain static server,
// python3 -m http.server: the page reaches ready with the seeds marked as the analysis says,
// and the embed passes every check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { servePython, launch, watchErrors, waitReady, analyzeInNode, seedDocs, screenshot, ROOT } from './helpers.mjs';
import { embedChecks } from './embed-checks.mjs';

let server;
let browser;
let site;
const SUB = 'news/whosaid';
before(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/dist.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  // A copy of dist/ as a host would publish it below the site's root (as GitHub Pages does for a
  // project), with the fixture pages one folder down.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'whosaid-site-'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(site, SUB), { recursive: true });
  fs.cpSync(path.join(ROOT, 'tests/fixtures'), path.join(site, SUB, 'fixtures'), { recursive: true });
  server = await servePython(site);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('dist: the page reaches ready with the seeds and their marks', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/${SUB}/`);
  assert.equal(await waitReady(page), 'ready');
  const docs = seedDocs(path.join(site, SUB, 'seeds'));
  const analysis = await analyzeInNode(docs, path.join(site, SUB, 'pkg'));
  const shown = await page.evaluate(() => ({
    docs: document.querySelectorAll('#docs > .doc').length,
    mentions: document.querySelectorAll('#docs [data-actor]:not([data-cont])').length,
    quotes: document.querySelectorAll('#docs [data-quote]:not([data-cont])').length,
    stances: document.querySelectorAll('#docs [data-stance]:not([data-cont])').length,
  }));
  assert.deepEqual(shown, { docs: docs.length, mentions: analysis.mentions.length, quotes: analysis.quotes.length, stances: analysis.stances.length });
  await screenshot(page, 'dist-page.png');
  assert.deepEqual(errors, []);
  await page.close();
});

embedChecks(test, () => browser.context, () => `${server.url}/${SUB}`, 'dist embed');
