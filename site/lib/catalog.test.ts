import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labIds, labsInBody, readLab } from './catalog.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-catalog-'));
const lab = (id: string, chapter: string, backends: string[]) => {
  mkdirSync(join(dir, id));
  writeFileSync(
    join(dir, id, 'lab.json'),
    JSON.stringify({ id, title: `Lab ${id}`, chapter, summary: 'A lab used by the catalog tests.', backends, tasks: [{ id: 'one', title: 'Task one' }] }),
  );
  writeFileSync(join(dir, id, 'starter.ts'), `export const starter = '${id}';\n`);
  writeFileSync(join(dir, id, 'solution.ts'), 'SECRET');
};
lab('b-lab', '19.1', ['dynamodb']);
lab('a-lab', '19.1', ['postgres', 'redis']);
lab('c-lab', '62.3', ['mongo']);
mkdirSync(join(dir, 'not-a-lab'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('catalog', () => {
  it('lists lab folders that have a lab.json, sorted', () => {
    expect(labIds(dir)).toEqual(['a-lab', 'b-lab', 'c-lab']);
  });

  it('reads the manifest (with defaults), the starter and the packages — not the solution', () => {
    const a = readLab('a-lab', dir)!;
    expect(a.manifest.learnerFile).toBe('solution.ts');
    expect(a.manifest.timeLimitMs).toBe(10_000);
    expect(a.starter).toBe("export const starter = 'a-lab';\n");
    expect(a.packages).toEqual(['pg', 'postgres', 'redis']);
    expect(JSON.stringify(a)).not.toContain('SECRET');
  });

  it('returns null for unknown or malformed ids', () => {
    expect(readLab('nope', dir)).toBeNull();
    expect(readLab('../a-lab', dir)).toBeNull();
  });

  it('finds the labs an MDX body embeds, once each, in order', () => {
    const body = `Intro\n\n<Lab id="pg-safe-queries" />\n\ntext <Lab id='pg-transfer-and-pool'/> and <Lab id={"x-y"} />\n<Lab id="pg-safe-queries" />\n<Quiz id="q" />`;
    expect(labsInBody(body)).toEqual(['pg-safe-queries', 'pg-transfer-and-pool', 'x-y']);
    expect(labsInBody('no labs <Label id="nope" />')).toEqual([]);
  });
});
