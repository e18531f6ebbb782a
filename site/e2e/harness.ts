// A tiny e2e harness: Debian's Chromium driven by playwright-core (never `playwright install`),
// every request recorded, anything not on loopback aborted and reported.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface E2E {
  browser: Browser;
  baseUrl: string;
  /** Every URL any page requested, in order. */
  requests: string[];
  /** Requests that tried to leave the machine. */
  external: string[];
  newPage(opts?: { colorScheme?: 'light' | 'dark' }): Promise<{ page: Page; context: BrowserContext }>;
}

export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

export async function launch(baseUrl: string): Promise<E2E> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const requests: string[] = [];
  const external: string[] = [];
  return {
    browser,
    baseUrl,
    requests,
    external,
    async newPage(opts = {}) {
      const context = await browser.newContext({ colorScheme: opts.colorScheme ?? 'dark', viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
      // Service workers and web workers' requests are seen here too.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        if (!isLocal(url)) {
          external.push(url);
          return route.abort('blockedbyclient');
        }
        return route.continue();
      });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      page.on('dialog', (d) => void d.accept());
      return { page, context };
    },
  };
}

export interface TestCase {
  name: string;
  fn: () => Promise<void>;
}

/** Run tests in order, print one line each; returns [passed, failed]. */
export async function runTests(tests: TestCase[]): Promise<[number, number]> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = performance.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ✓ ${t.name} (${Math.round(performance.now() - started)} ms)`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${t.name}\n    ${(err as Error).stack?.split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
  return [passed, failed];
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
