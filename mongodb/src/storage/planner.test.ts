import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Document } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
let db: Db;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('planner');
});
afterAll(() => t.close());

/** 10 customers × 50 orders, createdAt spread over days. */
async function seed(name: string) {
  const c = db.collection(name);
  const docs: Document[] = [];
  for (let i = 0; i < 500; i++) docs.push({ customerId: `c${i % 10}`, createdAt: new Date(Date.UTC(2024, 0, 1) + i * 3600_000), total: i });
  await c.insertMany(docs);
  return c;
}

const findStage = (s: Document, name: string): Document | undefined => (s.stage === name ? s : s.inputStage && findStage(s.inputStage, name));

// https://www.mongodb.com/docs/manual/tutorial/equality-sort-range-guideline/
describe('explain executionStats with sort + limit', () => {
  it('{customerId, createdAt:-1}: the index walk stops at the limit', async () => {
    const c = await seed('esr');
    await c.createIndex({ customerId: 1, createdAt: -1 });
    const cursor = c.find({ customerId: 'c3' }).sort({ createdAt: -1 }).limit(5);
    const ex = await cursor.explain('executionStats');
    const rows = await c.find({ customerId: 'c3' }).sort({ createdAt: -1 }).limit(5).toArray();
    expect(rows.map((r) => r.total)).toEqual([493, 483, 473, 463, 453]);
    expect(ex.executionStats.nReturned).toBe(5);
    expect(ex.executionStats.totalKeysExamined).toBe(5);
    expect(ex.executionStats.totalDocsExamined).toBe(5);
    expect(findStage(ex.queryPlanner.winningPlan, 'SORT')).toBeUndefined();
    expect(findStage(ex.executionStats.executionStages, 'IXSCAN')).toMatchObject({ keysExamined: 5, indexName: 'customerId_1_createdAt_-1' });
  });

  it('{createdAt:-1, customerId}: keys are filtered before FETCH', async () => {
    const c = await seed('sre');
    await c.createIndex({ createdAt: -1, customerId: 1 });
    const ex = await c.find({ customerId: 'c3' }).sort({ createdAt: -1 }).limit(5).explain('executionStats');
    const rows = await c.find({ customerId: 'c3' }).sort({ createdAt: -1 }).limit(5).toArray();
    expect(rows.map((r) => r.total)).toEqual([493, 483, 473, 463, 453]);
    // Walking from the newest key, c3's fifth order is the 47th key; only matching keys are fetched.
    expect(ex.executionStats.totalKeysExamined).toBe(47);
    expect(ex.executionStats.totalDocsExamined).toBe(5);
    expect(findStage(ex.queryPlanner.winningPlan, 'SORT')).toBeUndefined();
  });

  it('key filtering keeps multikey and range semantics', async () => {
    const c = db.collection('multi');
    await c.insertMany([{ a: 1, tags: ['x', 'y'], n: 5 }, { a: 2, tags: ['y'], n: 50 }, { a: 3, tags: [], n: 7 }, { a: 4, n: 9 }]);
    await c.createIndex({ a: 1, tags: 1, n: 1 });
    const hint = { a: 1, tags: 1, n: 1 };
    expect((await c.find({ tags: 'y' }).hint(hint).toArray()).map((d) => d.a)).toEqual([1, 2]);
    expect((await c.find({ n: { $gt: 6, $lt: 40 } }).hint(hint).toArray()).map((d) => d.a)).toEqual([3, 4]);
    expect((await c.find({ tags: null }).hint(hint).toArray()).map((d) => d.a)).toEqual([4]);
    const ex = await c.find({ tags: 'y' }).hint(hint).explain('executionStats');
    expect(ex.executionStats.totalKeysExamined).toBe(5);
    expect(ex.executionStats.totalDocsExamined).toBe(2);
  });
});
