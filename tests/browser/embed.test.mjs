// The embed (www/embed.js) on the fixture article pages of tests/fixtures/, served with www/.
import { test, before, after } from 'node:test';
import path from 'node:path';
import { serve, launch, WWW, ROOT } from './helpers.mjs';
import { embedChecks } from './embed-checks.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
let server;
let browser;
before(async () => {
  // csp.html also carries the policy as a header, as a real site would send it.
  server = await serve({ '/': WWW, '/fixtures/': path.join(ROOT, 'tests/fixtures') },
    (p) => (p === '/fixtures/csp.html' ? { 'content-security-policy': CSP } : {}));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

embedChecks(test, () => browser.context, () => server.url);
