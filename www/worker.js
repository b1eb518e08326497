// The analysis worker: loads the wasm engine once, then analyses each batch of documents it is
// sent, so that a large paste never freezes the page. Messages in: {job, docs}; out:
// {job, type: "progress", stage} | {job, type: "done", analysis, ms, engineReadyAt, version} |
// {job, type: "error", message}.
// The wasm fetch starts before the JS glue is imported, so the two downloads overlap.
const wasm = fetch(new URL('./pkg/whosaid_bg.wasm', import.meta.url));
let engineReadyAt = 0; // absolute time (ms since the epoch), for the page's performance marks
const engine = import('./pkg/whosaid.js').then(async (mod) => {
  await mod.default({ module_or_path: wasm });
  engineReadyAt = performance.timeOrigin + performance.now();
  return mod;
});
engine.catch(() => {}); // reported per job below, not as an unhandled rejection

self.onmessage = async (event) => {
  const { job, docs } = event.data;
  try {
    self.postMessage({ job, type: 'progress', stage: 'loading the engine' });
    const { analyze, version } = await engine;
    const chars = docs.reduce((n, d) => n + d.text.length, 0);
    self.postMessage({ job, type: 'progress', stage: `analysing ${docs.length} article${docs.length === 1 ? '' : 's'} (${Math.round(chars / 1000)}k characters)` });
    const t0 = performance.now();
    const analysis = analyze(docs);
    self.postMessage({ job, type: 'done', analysis, ms: performance.now() - t0, engineReadyAt, version: version() });
  } catch (err) {
    self.postMessage({ job, type: 'error', message: String((err && err.message) || err) });
  }
};
