// Site weight and editor latency, measured in Chromium against the built site:
//   1. gzip JS bytes a chapter page without a lab ships              (goal ≤ 60 KB)
//   2. gzip JS bytes a page with a lab ships before the editor loads  (goal ≤ 150 KB)
//   3. time from navigation until the Monaco editor accepts input (median of 5 cold loads)
// Usage: node scripts/bench-site.ts [--json]
import type { Page } from 'playwright-core';
import { ensureBuilt } from '../site/server/build.ts';
import { serve } from '../site/server/serve.ts';
import { createEngine } from '../labs/engine/engine.ts';
import { launch, type E2E } from '../site/e2e/harness.ts';

const NO_LAB_PAGE = '/dynamodb/19-4-dax/';
/** A lab far below the fold: what ships before the editor is everything loaded before scrolling. */
const LAB_BELOW_FOLD_PAGE = '/labs/sandbox/below-the-fold/';
/** Labs at the top: the editor starts loading at once (time to editable). */
const LAB_PAGE = '/labs/sandbox/';
const EDITOR_READY = 'section.ks-lab[data-editor="monaco"] .monaco-editor';

interface Script {
  url: string;
  gzipBytes: number;
}

/** The lazily imported editor module (site/scripts/lab/monaco.ts). */
const EDITOR_CHUNK = /\/_astro\/monaco\.[^/]+\.js$/;

/**
 * Scripts (incl. dynamic imports and workers) a page fetched, with their gzip transfer size:
 * "before" = loaded by the page on its own, "after" = loaded by `act` (scrolling to the lab).
 */
async function scriptsOf(e2e: E2E, path: string, act?: (page: Page) => Promise<void>): Promise<{ before: Script[]; after: Script[] }> {
  const { page, context } = await e2e.newPage();
  // The harness routes every request of the context, workers' included: slice its log by phase.
  const start = e2e.requests.length;
  await page.goto(e2e.baseUrl + path);
  await page.waitForLoadState('networkidle');
  const mid = e2e.requests.length;
  if (e2e.requests.slice(start, mid).some((u) => EDITOR_CHUNK.test(u))) throw new Error(`the editor loaded before the lab was near the viewport on ${path}`);
  if (act) await act(page);
  await page.waitForLoadState('networkidle');
  const end = e2e.requests.length;
  await context.close();
  const sized = (urls: string[]) => Promise.all([...new Set(urls.filter((u) => /\.m?js(\?|$)/.test(u)))].map(gzipSize));
  return { before: await sized(e2e.requests.slice(start, mid)), after: await sized(e2e.requests.slice(mid, end)) };
}

/** Bytes on the wire with gzip, as our server sends them. */
async function gzipSize(url: string): Promise<Script> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
  const length = Number(res.headers.get('content-length'));
  await res.body?.cancel();
  return { url, gzipBytes: length };
}

async function editorReadyMs(e2e: E2E): Promise<{ textareaMs: number; monacoMs: number }> {
  const { page, context } = await e2e.newPage();
  await page.goto(e2e.baseUrl + LAB_PAGE);
  const textareaMs = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.toJSON().domInteractive as number);
  await page.waitForSelector(EDITOR_READY, { timeout: 60_000 });
  // Editable = a keystroke lands in the model (the draft autosaves it).
  await page.click(`${EDITOR_READY} .view-lines`);
  await page.keyboard.type('x');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('keyspace:draft:')), undefined, { timeout: 30_000 });
  const monacoMs = await page.evaluate(() => performance.now());
  await context.close();
  return { textareaMs, monacoMs };
}

const kb = (s: Script[]) => s.reduce((n, x) => n + x.gzipBytes, 0) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await ensureBuilt();
const engine = await createEngine();
const served = await serve({ port: 0, engine });
const e2e = await launch(served.url);
try {
  const noLab = await scriptsOf(e2e, NO_LAB_PAGE);
  const lab = await scriptsOf(e2e, LAB_BELOW_FOLD_PAGE, async (page) => {
    await page.locator('section.ks-lab').first().scrollIntoViewIfNeeded();
    await page.waitForSelector(EDITOR_READY, { timeout: 60_000 });
    // The TypeScript worker starts when the TypeScript model attaches, right after the editor.
    while (!e2e.requests.some((u) => /ts\.worker/.test(u))) await page.waitForTimeout(100);
  });
  const times: { textareaMs: number; monacoMs: number }[] = [];
  for (let i = 0; i < 5; i++) times.push(await editorReadyMs(e2e));
  const report = {
    chapterWithoutLab: { page: NO_LAB_PAGE, jsGzipKB: +kb(noLab.before).toFixed(1), files: noLab.before.length, goalKB: 60 },
    labPageBeforeEditor: { page: LAB_BELOW_FOLD_PAGE, jsGzipKB: +kb(lab.before).toFixed(1), files: lab.before.length, goalKB: 150 },
    editorChunks: { jsGzipKB: +kb(lab.after).toFixed(1), files: lab.after.length },
    timeToEditableMs: { textarea: Math.round(median(times.map((t) => t.textareaMs))), monaco: Math.round(median(times.map((t) => t.monacoMs))), runs: times.length },
  };
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else {
    const ok = (v: number, goal: number) => (v <= goal ? '✓' : '✗');
    console.log(`chapter page without a lab   ${report.chapterWithoutLab.jsGzipKB} KB gzip JS in ${noLab.before.length} files  (goal ≤ 60 KB ${ok(report.chapterWithoutLab.jsGzipKB, 60)})`);
    console.log(`lab page before the editor   ${report.labPageBeforeEditor.jsGzipKB} KB gzip JS in ${lab.before.length} files  (goal ≤ 150 KB ${ok(report.labPageBeforeEditor.jsGzipKB, 150)})`);
    console.log(`editor (loaded on approach)  ${report.editorChunks.jsGzipKB} KB gzip JS in ${lab.after.length} files`);
    console.log(`time to editable             textarea ${report.timeToEditableMs.textarea} ms, Monaco ${report.timeToEditableMs.monaco} ms (median of ${times.length} cold loads)`);
  }
} finally {
  await e2e.browser.close();
  await served.close();
  await engine.close();
}
