// Accessibility checks in the browser: WCAG AA text contrast of the lab panel and quiz in both
// themes (after real grading, so pass/fail colours are on screen), and the quiz flow.
// Contrast per https://www.w3.org/TR/WCAG22/#contrast-minimum (4.5:1, large text 3:1).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assert, type E2E, type TestCase } from './harness.ts';

const LAB = 'sample-pg-upsert';
const wrong = readFileSync(new URL(`../../labs/catalog/${LAB}/wrong/no-version-bump.ts`, import.meta.url), 'utf8');

/** Every text-bearing element under `selector` whose contrast is below AA, as readable lines. */
function lowContrast(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const parse = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) throw new Error(`unparsed colour ${c}`);
      const [r, g, b, a = 1] = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [r!, g!, b!, a];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
    const background = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const lum = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const bad: string[] = [];
    for (const el of document.querySelectorAll(`${selector} *`)) {
      if (el.closest('.monaco-editor, [hidden], button:disabled, .ks-lab__live')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!ownText || !(el as HTMLElement).offsetParent) continue;
      const style = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)}:1 "${el.textContent!.trim().slice(0, 40)}" (${el.className || el.tagName})`);
    }
    return bad;
  }, selector);
}

export function a11yTests(e2e: E2E): TestCase[] {
  const selfCheck: TestCase = {
    name: 'the contrast check itself flags low-contrast text',
    fn: async () => {
      const { page, context } = await e2e.newPage({ colorScheme: 'light' });
      await page.goto(`${e2e.baseUrl}/labs/sandbox/`);
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'grey on white';
        p.style.cssText = 'color: rgb(170, 170, 170); background: rgb(255, 255, 255)';
        document.querySelector('section.ks-lab')!.append(p);
      });
      const bad = await lowContrast(page, 'section.ks-lab');
      assert(bad.some((b) => b.startsWith('2.32:1 "grey on white"')), `expected the injected text to be flagged at 2.32:1, got ${bad.join('; ')}`);
      await context.close();
    },
  };
  return [selfCheck, ...(['light', 'dark'] as const).map<TestCase>((theme) => ({
    name: `lab panel and quiz meet WCAG AA contrast (${theme})`,
    fn: async () => {
      const { page, context } = await e2e.newPage({ colorScheme: theme });
      await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(`${e2e.baseUrl}/labs/sandbox/`);
      const sel = `section.ks-lab[data-lab-id="${LAB}"]`;
      await page.waitForSelector(`${sel}[data-editor="monaco"] .monaco-editor`, { timeout: 60_000 });
      await page.click(`${sel} .monaco-editor .view-lines`);
      await page.keyboard.press('ControlOrMeta+A');
      await page.evaluate((t) => navigator.clipboard.writeText(t), wrong);
      await page.keyboard.press('ControlOrMeta+V');
      await page.click(`${sel} [data-action="hint"]`);
      await page.click(`${sel} [data-action="submit"]`);
      await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-busy') === 'false', sel, { timeout: 60_000 });
      const quiz = page.locator('section.ks-quiz');
      await quiz.locator('fieldset').nth(0).locator('input').nth(0).check();
      await quiz.locator('fieldset').nth(1).locator('input').nth(0).check();
      await quiz.locator('button[type="submit"]').click();
      const bad = [...(await lowContrast(page, 'section.ks-lab')), ...(await lowContrast(page, 'section.ks-quiz'))];
      assert(bad.length === 0, `text below AA contrast in ${theme}:\n      ${bad.join('\n      ')}`);
      await context.close();
    },
  }))];
}

export function quizTests(e2e: E2E): TestCase[] {
  return [
    {
      name: 'the quiz marks answers, explains, and keeps the score across reloads',
      fn: async () => {
        const { page, context } = await e2e.newPage();
        await page.goto(`${e2e.baseUrl}/labs/sandbox/`);
        const quiz = page.locator('section.ks-quiz[data-quiz-id="sandbox-check"]');
        await quiz.locator('fieldset').nth(0).locator('input').nth(1).check(); // right
        await quiz.locator('fieldset').nth(1).locator('input').nth(2).check(); // wrong
        await quiz.locator('button[type="submit"]').focus();
        await page.keyboard.press('Enter');
        assert((await quiz.locator('[data-score]').textContent()) === '1 of 2 correct.', 'score announced');
        const statuses = await quiz.locator('.ks-quiz__question').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status));
        assert(statuses.join() === 'right,wrong', `marks: ${statuses.join()}`);
        assert((await quiz.locator('.ks-quiz__question').nth(1).textContent())?.includes('atomically'), 'explanation shown');
        await page.reload();
        assert((await quiz.locator('[data-score]').textContent()) === '1 of 2 correct.', 'score restored after reload');
        await page.goto(`${e2e.baseUrl}/progress/`);
        await page.waitForFunction(() => /Knowledge checks taken: 1/.test(document.querySelector('[data-progress-summary]')?.textContent ?? ''));
        await context.close();
      },
    },
  ];
}
