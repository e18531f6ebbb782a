import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createEngine, type KeyspaceEngine } from '../engine.ts';
import { verifyLab } from './verify.ts';

let engine: KeyspaceEngine;
beforeAll(async () => {
  engine = await createEngine({ backend: 'embedded', labsDir: fileURLToPath(new URL('../testdata/catalog', import.meta.url)), warmProcesses: 0 });
});
afterAll(() => engine?.close());

describe('verifyLab', () => {
  it('checks solution and starter, and fails a non-sample lab on the lints', async () => {
    const seen: string[] = [];
    const v = await verifyLab(engine, 't-answer', (item) => seen.push(item.subject));
    expect(seen).toEqual(['solution', 'starter', 'lint', 'lint']);
    expect(v.items.find((i) => i.subject === 'solution')).toMatchObject({ ok: true, message: 'passes (2 checks)' });
    expect(v.items.find((i) => i.subject === 'starter')).toMatchObject({ ok: true, message: 'fails, as it should' });
    const lints = v.items.filter((i) => i.subject === 'lint').map((i) => i.message);
    expect(lints).toEqual(['has 2 check(s); at least 4 expected', 'has 0 wrong solution(s); at least 3 expected']);
    expect(v.ok).toBe(false);
  });
});
