import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from './load.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'ks-catalog-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const manifest = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: 'A lab',
  chapter: '1.2',
  summary: 'Learners build a thing.',
  backends: ['redis'],
  tasks: [
    { id: 'one', title: 'First task' },
    { id: 'two', title: 'Second task' },
  ],
  ...extra,
});

const checks = (tasks: string[]) => `export default [${tasks.map((t, i) => `{ task: '${t}', name: 'c${i}', async run() {} }`).join(', ')}];\n`;

function lab(dir: string, files: Record<string, string>): void {
  const base = path.join(dir, files.folder ?? '');
  mkdirSync(base, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (name === 'folder') continue;
    mkdirSync(path.dirname(path.join(base, name)), { recursive: true });
    writeFileSync(path.join(base, name), text);
  }
}

async function load(folder: string, files: Record<string, string>) {
  const dir = mkdtempSync(path.join(root, 'cat-'));
  lab(dir, { folder, ...files });
  return loadCatalog(dir);
}

const good = (id: string) => ({
  'lab.json': JSON.stringify(manifest(id)),
  'starter.ts': 'export const x = 1;\n',
  'solution.ts': 'export const x = 2;\n',
  'checks.ts': checks(['one', 'two']),
  'wrong/a.ts': 'export const x = 3;\n',
});

describe('loadCatalog', () => {
  it('loads a valid lab with defaults applied and wrong solutions read', async () => {
    const { labs, problems } = await load('good-lab', good('good-lab'));
    expect(problems).toEqual([]);
    expect(labs).toHaveLength(1);
    expect(labs[0].manifest).toMatchObject({ id: 'good-lab', timeLimitMs: 10_000, learnerFile: 'solution.ts', hints: [] });
    expect(labs[0].wrong.map((w) => w.name)).toEqual(['a.ts']);
    expect(labs[0].fixture).toBeNull();
  });

  it('names every bad manifest field', async () => {
    const { labs, problems } = await load('bad', { ...good('bad'), 'lab.json': JSON.stringify(manifest('bad', { chapter: 'one', backends: ['oracle'], extra: 1 })) });
    expect(labs).toEqual([]);
    expect(problems[0].message).toMatch(/\*\*chapter\*\*/);
    expect(problems[0].message).toMatch(/\*\*backends\[0\]\*\*/);
    expect(problems[0].message).toMatch(/unknown field\(s\) "extra"/);
  });

  it('requires the id to equal the folder name', async () => {
    const { problems } = await load('folder-name', good('other-name'));
    expect(problems[0].message).toMatch(/must equal the folder name "folder-name"/);
  });

  it('reports missing files', async () => {
    const files: Record<string, string> = { ...good('missing') };
    delete files['solution.ts'];
    delete files['checks.ts'];
    const { problems } = await load('missing', files);
    expect(problems[0].message).toBe('missing solution.ts, checks.ts');
  });

  it('rejects unknown tasks, unchecked tasks and out-of-order checks', async () => {
    expect((await load('unknown', { ...good('unknown'), 'checks.ts': checks(['one', 'two', 'three']) })).problems[0].message).toMatch(/task "three" is not in lab.json tasks/);
    expect((await load('unchecked', { ...good('unchecked'), 'checks.ts': checks(['one']) })).problems[0].message).toMatch(/task "two" has no check/);
    expect((await load('order', { ...good('order'), 'checks.ts': checks(['two', 'one']) })).problems[0].message).toMatch(/must follow the task order/);
  });

  it('orders labs by chapter numerically, then id', async () => {
    const dir = mkdtempSync(path.join(root, 'cat-'));
    const a = good('a-lab');
    a['lab.json'] = JSON.stringify(manifest('a-lab', { chapter: '10.1' }));
    const b = good('b-lab');
    b['lab.json'] = JSON.stringify(manifest('b-lab', { chapter: '9.2' }));
    lab(dir, { folder: 'a-lab', ...a });
    lab(dir, { folder: 'b-lab', ...b });
    const { labs } = await loadCatalog(dir);
    expect(labs.map((l) => l.manifest.id)).toEqual(['b-lab', 'a-lab']);
  });
});
