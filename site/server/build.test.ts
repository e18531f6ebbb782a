import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale, newestMtime } from './build.ts';

let root: string;
const touch = (rel: string, secondsAgo: number) => {
  const full = join(root, rel);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(full, t, t);
};
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('isStale', () => {
  it('is stale without a build, or with a build missing the typings index', () => {
    root = mkdtempSync(join(tmpdir(), 'ks-build-'));
    touch('content/docs/a.mdx', 100);
    expect(isStale(root)).toBe(true);
    touch('dist/index.html', 10);
    expect(isStale(root)).toBe(true);
    touch('dist/_keyspace/typings/index.json', 10);
    expect(isStale(root)).toBe(false);
  });

  it('is stale when a source is newer than the build, ignoring server code and tests', () => {
    root = mkdtempSync(join(tmpdir(), 'ks-build-'));
    touch('dist/index.html', 50);
    touch('dist/_keyspace/typings/index.json', 50);
    touch('site/server/serve.ts', 1);
    touch('site/lib/x.test.ts', 1);
    expect(isStale(root)).toBe(false);
    touch('labs/catalog/lab/starter.ts', 1);
    expect(isStale(root)).toBe(true);
  });

  it('newestMtime skips node_modules', () => {
    root = mkdtempSync(join(tmpdir(), 'ks-build-'));
    touch('site/a.ts', 100);
    touch('site/node_modules/b.ts', 1);
    expect(Date.now() - newestMtime(root, ['site'])).toBeGreaterThan(90_000);
  });
});
