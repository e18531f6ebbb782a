// Integration: the engine grading the sample labs on embedded backends, and its public API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createEngine, type KeyspaceEngine } from './engine.ts';
import { MAX_CODE_BYTES, UnknownLabError } from './api.ts';

let engine: KeyspaceEngine;
beforeAll(async () => {
  engine = await createEngine({ backend: 'embedded', warmProcesses: 1 });
});
afterAll(() => engine?.close());

describe('engine API', () => {
  it('lists labs by chapter and exposes only public parts', () => {
    const ids = engine.labs().map((m) => m.id);
    expect(ids.slice(0, 2)).toEqual(['sample-pg-upsert', 'sample-redis-counter']);
    const lab = engine.lab('sample-pg-upsert');
    expect(Object.keys(lab).sort()).toEqual(['manifest', 'packages', 'starter']);
    expect(lab.packages).toEqual(['pg', 'postgres']);
    expect(lab.starter).toContain('export async function upsertProduct');
    expect(engine.solution('sample-pg-upsert')).toContain('ON CONFLICT');
  });

  it('throws UnknownLabError for unknown ids', () => {
    expect(() => engine.lab('nope')).toThrow(UnknownLabError);
    expect(() => engine.solution('nope')).toThrow(UnknownLabError);
    expect(() => engine.submit('nope', '', { learner: 'x' })).toThrow(UnknownLabError);
  });

  it('refuses code above MAX_CODE_BYTES', () => {
    expect(() => engine.submit('sample-pg-upsert', 'x'.repeat(MAX_CODE_BYTES + 1), { learner: 'x' })).toThrow(RangeError);
  });
});

describe.each(['sample-pg-upsert', 'sample-redis-counter'])('grading %s', (id) => {
  it('passes the solution, fails the starter and every wrong solution', async () => {
    const lab = engine.trustedLab(id);
    const learner = `it-${id}`;
    const sol = await engine.submit(id, lab.solution, { learner });
    expect(sol.status).toBe('pass');
    expect(sol.tests.length).toBe(lab.checks.length);
    expect(sol.tests.map((t) => t.task_id)).toEqual([...sol.tests.map((t) => t.task_id)].sort());
    const starter = await engine.submit(id, lab.starter, { learner });
    expect(starter.status).toBe('fail');
    expect(lab.wrong.length).toBeGreaterThanOrEqual(3);
    for (const w of lab.wrong) expect((await engine.submit(id, w.code, { learner })).status, w.name).toBe('fail');
  });
});

describe('mongo', () => {
  let mongoEngine: KeyspaceEngine;
  beforeAll(async () => {
    mongoEngine = await createEngine({ backend: 'embedded', labsDir: fileURLToPath(new URL('./testdata/catalog', import.meta.url)), warmProcesses: 0 });
  });
  afterAll(() => mongoEngine?.close());

  it('grades a lab on the MongoDB emulator with BSON values crossing as real classes', async () => {
    const r = await mongoEngine.submit('t-mongo', mongoEngine.solution('t-mongo'), { learner: 'mongo-learner' });
    expect(r.tests[0].message).toBeNull();
    expect(r.status).toBe('pass');
    const starter = await mongoEngine.submit('t-mongo', mongoEngine.lab('t-mongo').starter, { learner: 'mongo-learner' });
    expect(starter.status).toBe('fail');
  });
});
