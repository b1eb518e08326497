#!/usr/bin/env node
// Benchmark (not a test): time from navigation to "ready" for the page with the five seed
// articles, in headless Debian Chromium, and the gzip size of what a visitor downloads (wasm +
// JS). Targets: <= 150 ms and <= 120 KB. Usage: node scripts/bench-page.mjs [runs] [dir]
// (dir defaults to www/; pass dist to measure the published folder). Needs the wasm built.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, waitReady, ROOT } from '../tests/browser/helpers.mjs';

const runs = Number(process.argv[2] || 7);
const dir = path.resolve(ROOT, process.argv[3] || 'www');
const gz = (files) => files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
const raw = (files) => files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
const pageFiles = ['pkg/whosaid_bg.wasm', 'pkg/whosaid.js', 'app.js', 'worker.js', 'marks.js'];
const embedFiles = ['pkg/whosaid_bg.wasm', 'pkg/whosaid.js', 'embed.js', 'marks.js'];
const cssFiles = ['style.css', 'marks.css'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serve({ '/': dir, '/fixtures/': path.join(ROOT, 'tests/fixtures') });
const browser = await launch();
try {
  const times = [];
  const phases = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    if ((await waitReady(page)) !== 'ready') throw new Error('the page did not become ready');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const end = (name) => Math.round(Math.max(0, ...res.filter((r) => r.name.includes(name)).map((r) => r.responseEnd)));
      const mark = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
      return {
        ready: performance.getEntriesByName('whosaid-ready')[0].startTime,
        textShown: mark('whosaid-text'),
        engineReady: mark('whosaid-engine'),
        analysisMs: Math.round(performance.getEntriesByName('whosaid-analysed')[0]?.detail?.ms ?? NaN),
        analysed: mark('whosaid-analysed'),
        domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
        seedsFetched: end('/seeds/'),
      };
    });
    times.push(t.ready);
    phases.push(t);
    await page.close();
  }
  // The embed on the realistic fixture page: navigation -> both <who-said> rendered.
  const embedTimes = [];
  for (let i = 0; i < Math.min(runs, 5); i++) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/fixtures/news.html`);
    await page.waitForFunction(() => [...document.querySelectorAll('who-said')].every((w) => w.analysis), null, { timeout: 20000 });
    embedTimes.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`navigation -> ready (${runs} runs, ${path.relative(ROOT, dir)}/): first ${times[0].toFixed(0)} ms, median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms  [target <= 150 ms]`);
  console.log(`  last run phases (ms from navigation): ${JSON.stringify(phases[phases.length - 1])}`);
  console.log(`  machine load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  console.log(`embed on tests/fixtures/news.html, navigation -> rendered: median ${median(embedTimes).toFixed(0)} ms (polled, so within ~20 ms)`);
  console.log(`page download, gzip -9: wasm + JS ${kb(gz(pageFiles))} (raw ${kb(raw(pageFiles))})  [target <= 120 KB]; CSS ${kb(gz(cssFiles))}`);
  console.log(`  wasm alone ${kb(gz(pageFiles.slice(0, 1)))}; embed (wasm + JS) ${kb(gz(embedFiles))}`);
} finally {
  await browser.close();
  await server.close();
}
