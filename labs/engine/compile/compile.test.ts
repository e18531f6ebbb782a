import { describe, expect, it } from 'vitest';
import { compileLearner } from './compile.ts';

describe('compileLearner', () => {
  it('compiles TypeScript to ESM with an inline source map, keeping allowed imports', async () => {
    const r = await compileLearner("import pg from 'pg';\nexport const f = (a: number): string => typeof pg + a;\n", 'orders.ts', ['pg']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.code).toMatch(/from "file:\/\/\/.*\/node_modules\/pg\/.*"/);
    expect(r.code).toMatch(/sourceMappingURL=data:application\/json;base64,/);
    expect(r.code).not.toMatch(/: number/);
  });

  it('reports a syntax error with the 1-based line and column', async () => {
    const r = await compileLearner('export const a = 1;\nexport const f = (x: number =>;\n', 'orders.ts', []);
    expect(r).toMatchObject({ ok: false, location: { line: 2, column: 29 } });
    if (!r.ok) expect(r.message).toContain('orders.ts:2:29');
  });

  it('refuses fs with the import position', async () => {
    const r = await compileLearner("\nimport { readFileSync } from 'fs';\nexport const x = readFileSync;\n", 'orders.ts', ['pg']);
    expect(r).toMatchObject({ ok: false, location: { line: 2, column: 30 } });
    if (!r.ok) expect(r.message).toContain("import of 'fs' is not allowed in labs");
  });

  it.each(['node:child_process', 'worker_threads', 'node:net', 'node:vm', 'node:inspector', 'node:module'])('refuses %s', async (mod) => {
    const r = await compileLearner(`import * as m from '${mod}';\nexport const x = m;\n`, 'a.ts', []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`import of '${mod.replace(/^node:/, '')}' is not allowed in labs`);
  });

  it('allows harmless builtins', async () => {
    const r = await compileLearner("import { setTimeout } from 'node:timers/promises';\nimport { randomUUID } from 'node:crypto';\nexport const x = [setTimeout, randomUUID];\n", 'a.ts', []);
    expect(r.ok).toBe(true);
  });

  it("refuses another lab's packages and relative or absolute files, static or dynamic", async () => {
    for (const src of ["import { MongoClient } from 'mongodb';\nexport const x = MongoClient;", "export const x = () => import('/work/labs/catalog/x/solution.ts');", "import s from './solution.ts';\nexport const x = s;"]) {
      const r = await compileLearner(src, 'a.ts', ['pg']);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/is not allowed in labs/);
    }
  });

  it('drops type-only imports without resolving them', async () => {
    const r = await compileLearner("import type { Foo } from './types.ts';\nexport const x = (f: Foo) => f;\n", 'a.ts', []);
    expect(r.ok).toBe(true);
  });
});
