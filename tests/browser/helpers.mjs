// Shared by the browser tests and scripts/bench-page.mjs: a loopback static server, headless
// Debian Chromium through playwright-core, console-error capture, and the engine run in node.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(ROOT, 'www');
export const ARTIFACTS = path.join(ROOT, 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Serves `mounts` ({"/url-prefix/": "/dir"}, longest prefix wins) on 127.0.0.1 at a free port.
 * `headers(urlPath)` may add response headers (e.g. a Content-Security-Policy for one fixture).
 * Returns {url, close}.
 */
export async function serve(mounts, headers = () => ({})) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = prefixes.find((p) => urlPath.startsWith(p));
    let file = prefix && path.join(mounts[prefix], urlPath.slice(prefix.length));
    if (file && !file.startsWith(path.resolve(mounts[prefix]))) file = null;
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...headers(urlPath) });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** `python3 -m http.server` on `dir` at a free loopback port: the "plain static server". */
export async function servePython(dir) {
  const port = await new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await new Promise((resolve, reject) => http.get(url + '/', (r) => { r.resume(); resolve(); }).on('error', reject));
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { url, close: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}

/** Headless Debian Chromium on a fresh temporary profile. Returns {context, close}. */
export async function launch(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'whosaid-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects console errors, page errors and failed requests of a page into an array. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`); });
  return errors;
}

/** Waits until the page says it is ready (or failed) and returns that state. */
export async function waitReady(page, timeout = 20000) {
  await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.whosaid), null, { timeout });
  return page.evaluate(() => document.documentElement.dataset.whosaid);
}

/** Runs the same wasm the page loads, in node, on `docs`: an independent source of truth. */
export async function analyzeInNode(docs, pkgDir = path.join(WWW, 'pkg')) {
  const mod = await import(path.join(pkgDir, 'whosaid.js'));
  await mod.default({ module_or_path: fs.readFileSync(path.join(pkgDir, 'whosaid_bg.wasm')) });
  return mod.analyze(docs);
}

/** The seed documents as the page loads them (www/seeds/index.json). */
export function seedDocs(dir = path.join(WWW, 'seeds')) {
  const list = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  return list.map(({ id, file }) => ({ id, text: fs.readFileSync(path.join(dir, file), 'utf8'), outlet: null, title: null }));
}

/** Saves a full-page screenshot under artifacts/. */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
