// Screenshots for reviewing the site in both themes: a chapter page and a lab page (after a
// wrong submit, so the failing-task view shows) → .keyspace/screenshots/*.png.
// Usage: node scripts/screenshot.ts [chapter-path]   (default: the first chapter with prose)
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureBuilt } from '../site/server/build.ts';
import { serve } from '../site/server/serve.ts';
import { createEngine } from '../labs/engine/engine.ts';
import { launch } from '../site/e2e/harness.ts';

const OUT = new URL('../.keyspace/screenshots/', import.meta.url);
const chapter = process.argv[2] ?? '/drivers/62-1-postgres/';
const LAB = 'sample-pg-upsert';
const wrong = readFileSync(new URL(`../labs/catalog/${LAB}/wrong/no-version-bump.ts`, import.meta.url), 'utf8');

mkdirSync(OUT, { recursive: true });
await ensureBuilt();
const engine = await createEngine();
const served = await serve({ port: 0, engine });
const e2e = await launch(served.url);
try {
  for (const theme of ['light', 'dark'] as const) {
    const { page, context } = await e2e.newPage({ colorScheme: theme });
    // Starlight keeps the reader's choice in localStorage; set it before any script runs.
    await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(served.url + chapter);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: new URL(`chapter-${theme}.png`, OUT).pathname, fullPage: false });
    // The chapter's own components, as a reader meets them (tall viewport: no sticky header overlap).
    await page.setViewportSize({ width: 1280, height: 2400 });
    const quiz = page.locator('section.ks-quiz').first();
    if (await quiz.count()) {
      for (const fieldset of await quiz.locator('fieldset').all()) await fieldset.locator('input').first().check();
      await quiz.locator('button[type="submit"]').click();
      await quiz.screenshot({ path: new URL(`quiz-${theme}.png`, OUT).pathname });
    }
    const chapterLab = page.locator('section.ks-lab').first();
    if (await chapterLab.count()) {
      await chapterLab.scrollIntoViewIfNeeded();
      await page.waitForSelector('section.ks-lab[data-editor="monaco"]', { timeout: 60_000 });
      await chapterLab.screenshot({ path: new URL(`chapter-lab-${theme}.png`, OUT).pathname });
    }
    const figure = page.locator('figure.ks-diagram').first();
    if (await figure.count()) await figure.screenshot({ path: new URL(`diagram-${theme}.png`, OUT).pathname });

    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.goto(served.url + '/labs/sandbox/');
    const sel = `section.ks-lab[data-lab-id="${LAB}"]`;
    await page.locator(sel).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${sel}[data-editor="monaco"] .monaco-editor`, { timeout: 60_000 });
    await page.click(`${sel} .monaco-editor .view-lines`);
    await page.keyboard.press('ControlOrMeta+A');
    await page.evaluate((t) => navigator.clipboard.writeText(t), wrong);
    await page.keyboard.press('ControlOrMeta+V');
    await page.click(`${sel} [data-action="hint"]`);
    await page.click(`${sel} [data-action="submit"]`);
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-busy') === 'false', sel, { timeout: 60_000 });
    await page.locator(sel).screenshot({ path: new URL(`lab-${theme}.png`, OUT).pathname });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click(`${sel} [data-action="focus"]`);
    await page.screenshot({ path: new URL(`lab-fullscreen-${theme}.png`, OUT).pathname });
    await page.click(`${sel} [data-action="focus"]`);
    await context.close();
    console.log(`screenshots: ${theme} done`);
  }
} finally {
  await e2e.browser.close();
  await served.close();
  await engine.close();
}
console.log(`screenshots in ${OUT.pathname}`);
