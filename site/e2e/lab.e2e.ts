// The lab flow in a real browser against the real engine: wrong answer → failing task with the
// check's message; reference → every task passes; reload keeps code and progress; hints, reset
// and reveal; typings reach the editor; no Monaco on pages without labs; nothing leaves localhost.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assert, type E2E, type TestCase } from './harness.ts';

const CATALOG = new URL('../../labs/catalog/', import.meta.url);
const read = (lab: string, file: string) => readFileSync(new URL(`${lab}/${file}`, CATALOG), 'utf8');
const PG = 'sample-pg-upsert';
const REDIS = 'sample-redis-counter';
/** The lazily imported editor module (site/scripts/lab/monaco.ts). */
const EDITOR_CHUNK = /\/_astro\/monaco\.[^/]+\.js$/;
const panel = (id: string) => `section.ks-lab[data-lab-id="${id}"]`;

async function openLab(page: Page, e2e: E2E, id: string): Promise<void> {
  await page.goto(`${e2e.baseUrl}/labs/sandbox/`);
  await page.locator(panel(id)).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${panel(id)}[data-editor="monaco"] .monaco-editor`, { timeout: 30_000 });
}

/** Replace the editor's content the way a learner would: select all, then type/paste. */
async function replaceCode(page: Page, id: string, code: string): Promise<void> {
  await page.click(`${panel(id)} .monaco-editor .view-lines`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Paste through the real clipboard: typed text would be auto-indented line by line.
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(([id, text]) => localStorage.getItem(`keyspace:draft:${id}`) === text, [id, code]);
}

async function waitGraded(page: Page, id: string, previous: string | null): Promise<void> {
  await page.waitForFunction(
    ([sel, prev]) => {
      const el = document.querySelector(sel!);
      return el?.getAttribute('aria-busy') === 'false' && el.querySelector('[data-live]')!.textContent !== prev && el.querySelector('[data-live]')!.textContent !== '';
    },
    [panel(id), previous],
    { timeout: 60_000 },
  );
}

/** The visible lines of the editor; Monaco renders spaces as U+00A0. */
const viewText = async (page: Page, id: string) => (await page.locator(`${panel(id)} .monaco-editor .view-lines`).innerText()).replaceAll('\u00a0', ' ');
const statuses = (page: Page, id: string) => page.$$eval(`${panel(id)} [data-task]`, (els) => els.map((e) => (e as HTMLElement).dataset.status));
const liveText = (page: Page, id: string) => page.locator(`${panel(id)} [data-live]`).textContent();

export function labTests(e2e: E2E, monacoChunks: Set<string>): TestCase[] {
  let page: Page;
  return [
    {
      name: 'Monaco loads only when the lab nears the viewport, with the real driver typings',
      fn: async () => {
        ({ page } = await e2e.newPage());
        const start = e2e.requests.length;
        await page.goto(`${e2e.baseUrl}/labs/sandbox/below-the-fold/`);
        await page.waitForLoadState('networkidle');
        assert(!e2e.requests.slice(start).some((u) => EDITOR_CHUNK.test(u)), 'the editor loaded before the lab came near the viewport');
        await page.locator(panel(REDIS)).scrollIntoViewIfNeeded();
        await page.waitForSelector(`${panel(REDIS)}[data-editor="monaco"] .monaco-editor`, { timeout: 60_000 });
        await page.waitForLoadState('networkidle');
        const loaded = e2e.requests.slice(start);
        const from = loaded.findIndex((u) => EDITOR_CHUNK.test(u));
        assert(from >= 0, 'the editor chunk loads when the lab comes into view');
        for (const u of loaded.slice(from)) if (/\.js(\?|$)/.test(u)) monacoChunks.add(u);
        await openLab(page, e2e, PG);
        // Real pg typings: a type error names pg's Pool; then the reference solution has none
        // (no "Cannot find module 'pg'"). Diagnostics arrive once the typings are parsed.
        await replaceCode(page, PG, `import pg from 'pg';\nconst n: number = new pg.Pool();\nexport { n };\n`);
        await page.waitForFunction((sel) => /Pool/.test(document.querySelector(`${sel} [data-problems]`)?.getAttribute('title') ?? ''), panel(PG), { timeout: 120_000 });
        const problems = await page.locator(`${panel(PG)} [data-problems]`).getAttribute('title');
        assert(problems?.includes("Type 'Pool' is not assignable to type 'number'"), `expected a type error naming Pool and number, got: ${problems}`);
        await replaceCode(page, PG, read(PG, 'solution.ts'));
        await page.waitForFunction((sel) => document.querySelector(`${sel} [data-problems]`)?.getAttribute('data-count') === '0', panel(PG), { timeout: 60_000 });
      },
    },
    {
      name: 'a wrong answer fails with the check’s message',
      fn: async () => {
        await replaceCode(page, PG, read(PG, 'wrong/no-version-bump.ts'));
        const prev = await liveText(page, PG);
        await page.keyboard.press('ControlOrMeta+Enter');
        await waitGraded(page, PG, prev);
        const s = await statuses(page, PG);
        assert(s.includes('fail'), `expected a failing task, got ${s.join(',')}`);
        const detail = await page.locator(`${panel(PG)} [data-task="update"] [data-task-detail]`).textContent();
        assert(detail && /version/i.test(detail), `expected the update task's message to mention the version, got: ${detail}`);
        const live = await liveText(page, PG);
        assert(live?.includes('tasks passed'), `expected a live announcement, got: ${live}`);
      },
    },
    {
      name: 'the reference solution passes every task',
      fn: async () => {
        await replaceCode(page, PG, read(PG, 'solution.ts'));
        const prev = await liveText(page, PG);
        await page.click(`${panel(PG)} [data-action="submit"]`);
        await waitGraded(page, PG, prev);
        const s = await statuses(page, PG);
        assert(s.length === 3 && s.every((x) => x === 'pass'), `expected every task to pass, got ${s.join(',')}`);
        assert((await page.locator(`${panel(PG)} [data-lab-state]`).textContent())?.includes('passed'), 'lab state should say passed');
      },
    },
    {
      name: 'code and progress survive a reload',
      fn: async () => {
        await page.reload();
        await openLab(page, e2e, PG);
        const code = await page.evaluate((id) => localStorage.getItem(`keyspace:draft:${id}`), PG);
        assert(code === read(PG, 'solution.ts'), 'the draft in localStorage should be the submitted code');
        const shown = await viewText(page, PG);
        assert(shown.includes('ON CONFLICT'), 'the editor should show the saved code after reload');
        assert((await page.locator(`${panel(PG)} [data-lab-state]`).textContent())?.includes('passed'), 'progress should persist');
        assert(!(await page.locator(`${panel(PG)} [data-action="reveal"]`).isDisabled()), 'reveal is enabled after a submit');
      },
    },
    {
      name: 'hints come one at a time; reset restores the starter; reveal loads the solution',
      fn: async () => {
        const hints = page.locator(`${panel(PG)} [data-hint]`);
        const visible = async () => (await hints.evaluateAll((els) => els.filter((e) => !(e as HTMLElement).hidden).length)) as number;
        assert((await visible()) === 0, 'no hint visible at first');
        // Keyboard: focus the Hint button and press Enter.
        await page.locator(`${panel(PG)} [data-action="hint"]`).focus();
        await page.keyboard.press('Enter');
        assert((await visible()) === 1, 'one hint after one press');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        assert((await visible()) === 3, 'all three hints after three presses');
        assert(await page.locator(`${panel(PG)} [data-action="hint"]`).isDisabled(), 'hint button disabled when none are left');
        await page.click(`${panel(PG)} [data-action="reset"]`);
        await page.waitForFunction(([id, starter]) => localStorage.getItem(`keyspace:draft:${id}`) === null || localStorage.getItem(`keyspace:draft:${id}`) === starter, [PG, read(PG, 'starter.ts')]);
        const afterReset = await viewText(page, PG);
        assert(afterReset.includes('TODO'), 'the starter (with its TODOs) is back after reset');
        await page.click(`${panel(PG)} [data-action="reveal"]`);
        await page.waitForFunction(([id, solution]) => localStorage.getItem(`keyspace:draft:${id}`) === solution, [PG, read(PG, 'solution.ts')]);
        assert((await viewText(page, PG)).includes('ON CONFLICT'), 'the editor shows the revealed solution');
      },
    },
    {
      name: 'full screen gives the editor the window and Escape puts the lab back',
      fn: async () => {
        const narrow = (await page.locator(`${panel(PG)} .ks-lab__editor`).boundingBox())!.width;
        await page.click(`${panel(PG)} [data-action="focus"]`);
        assert((await page.getAttribute(`${panel(PG)} [data-action="focus"]`, 'aria-pressed')) === 'true', 'aria-pressed after entering');
        const wide = (await page.locator(`${panel(PG)} .ks-lab__editor`).boundingBox())!;
        const viewport = page.viewportSize()!;
        assert(wide.width > narrow * 1.2, `the editor should widen in full screen: ${narrow} → ${wide.width}`);
        assert(wide.height > viewport.height * 0.7, `the editor should fill the window's height: ${wide.height} of ${viewport.height}`);
        // Escape inside the editor belongs to Monaco; from the toolbar it leaves full screen.
        await page.focus(`${panel(PG)} [data-action="run"]`);
        await page.keyboard.press('Escape');
        assert((await page.locator(`${panel(PG)}.ks-lab--focus`).count()) === 0, 'Escape left full screen');
        assert((await page.getAttribute(`${panel(PG)} [data-action="focus"]`, 'aria-pressed')) === 'false', 'aria-pressed after leaving');
      },
    },
    {
      name: 'Run streams main()’s output',
      fn: async () => {
        await page.click(`${panel(PG)} [data-action="run"]`);
        await page.waitForFunction((sel) => /finished|failed/.test(document.querySelector(`${sel} [data-output]`)?.textContent ?? ''), panel(PG), { timeout: 60_000 });
        const out = await page.locator(`${panel(PG)} [data-output]`).textContent();
        assert(out?.includes('KB-01') && out.includes('✓ finished'), `unexpected run output: ${out}`);
      },
    },
    {
      name: 'the Redis sample: reference passes',
      fn: async () => {
        await openLab(page, e2e, REDIS);
        await replaceCode(page, REDIS, read(REDIS, 'solution.ts'));
        const prev = await liveText(page, REDIS);
        await page.keyboard.press('ControlOrMeta+Enter');
        await waitGraded(page, REDIS, prev);
        const s = await statuses(page, REDIS);
        const said = `${await liveText(page, REDIS)} / ${await page.locator(`${panel(REDIS)} [data-output]`).textContent()}`;
        assert(s.every((x) => x === 'pass'), `expected every task to pass, got ${s.join(',')} (${said})`);
      },
    },
    {
      name: 'the editor follows the site theme at runtime',
      fn: async () => {
        await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
        await page.waitForSelector(`${panel(PG)} .monaco-editor.vs`);
        await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
        await page.waitForSelector(`${panel(PG)} .monaco-editor.vs-dark`);
        await page.context().close();
      },
    },
  ];
}

export function pageTests(e2e: E2E, monacoChunks: Set<string>): TestCase[] {
  return [
    {
      name: 'a page without a lab loads no Monaco',
      fn: async () => {
        const { page, context } = await e2e.newPage();
        const before = e2e.requests.length;
        await page.goto(`${e2e.baseUrl}/dynamodb/19-4-dax/`);
        await page.waitForLoadState('networkidle');
        await page.mouse.wheel(0, 5000);
        await page.waitForTimeout(300);
        const loaded = e2e.requests.slice(before);
        const leaked = loaded.filter((u) => monacoChunks.has(u) || u.includes('/_keyspace/typings/'));
        assert(monacoChunks.size > 0, 'run the lab tests first to learn the editor chunks');
        assert(leaked.length === 0, `editor code loaded on a page without a lab: ${leaked.join(', ')}`);
        assert((await page.locator('.monaco-editor').count()) === 0, 'no editor on the page');
        await context.close();
      },
    },
    {
      name: 'sidebar badges show lab progress for chapters with labs',
      fn: async () => {
        const { page, context } = await e2e.newPage();
        // Any page with the sidebar (the splash start page has none).
        await page.goto(`${e2e.baseUrl}/progress/`);
        const link = page.locator('a[data-labs]').first();
        assert((await link.count()) === 1, 'a chapter with labs has a badge in the sidebar');
        const ids = ((await link.getAttribute('data-labs')) ?? '').split(' ');
        assert(/^(Lab|\d+ labs)$/.test((await link.locator('.ks-lab-badge').textContent())!.trim()), 'badge before any progress');
        await page.evaluate((ids) => {
          const labs = Object.fromEntries(ids.map((id) => [id, { status: 'passed', tasks: {}, submits: 1, updatedAt: '' }]));
          localStorage.setItem('keyspace:progress:v1', JSON.stringify({ version: 1, labs, quizzes: {} }));
        }, ids);
        await page.reload();
        const badge = (await page.locator('a[data-labs]').first().locator('.ks-lab-badge').textContent())!;
        assert(badge.includes('✓'), `badge after passing every lab: ${badge}`);
        await context.close();
      },
    },
    {
      name: 'search, progress page and sidebar work offline',
      fn: async () => {
        const { page, context } = await e2e.newPage({ colorScheme: 'light' });
        await page.goto(`${e2e.baseUrl}/progress/`);
        await page.waitForSelector('[data-progress-summary]');
        await page.click('site-search button[data-open-modal]');
        // Starlight creates the Pagefind input on requestIdleCallback after load; on a
        // busy CI machine keystrokes sent before it exists are lost, so wait for it.
        const input = page.locator('#starlight__search input');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill('capacity');
        await page.waitForSelector('.pagefind-ui__result-link', { timeout: 30_000 });
        await context.close();
      },
    },
    {
      name: 'no request left localhost',
      fn: async () => {
        assert(e2e.requests.length > 20, 'expected the tests to have made requests');
        assert(e2e.external.length === 0, `requests left the machine: ${e2e.external.join(', ')}`);
      },
    },
  ];
}
