import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
let db: Db;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('ix');
});
afterAll(() => t.close());

describe('indexes', () => {
  it('enforces unique indexes with the server E11000 shape', async () => {
    const c = db.collection('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x' });
    const err = await c.insertOne({ email: 'a@x' }).catch((e) => e);
    expect(err.code).toBe(11000);
    expect(err.message).toBe('E11000 duplicate key error collection: ix.users index: email_1 dup key: { email: "a@x" }');
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x' });
  });

  it('enforces compound unique indexes on the whole tuple', async () => {
    const c = db.collection('seats');
    await c.createIndex({ row: 1, seat: 1 }, { unique: true });
    await c.insertMany([{ row: 1, seat: 1 }, { row: 1, seat: 2 }, { row: 2, seat: 1 }]);
    const err = await c.insertOne({ row: 1, seat: 2 }).catch((e) => e);
    expect(err.keyValue).toEqual({ row: 1, seat: 2 });
    expect(err.message).toContain('index: row_1_seat_1 dup key: { row: 1, seat: 2 }');
    const upd = await c.updateOne({ row: 2 }, { $set: { seat: 2, row: 1 } }).catch((e) => e);
    expect(upd.code).toBe(11000);
  });

  it('refuses to build a unique index over duplicates', async () => {
    const c = db.collection('dups');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
  });

  it('skips documents for sparse and partial unique indexes', async () => {
    const c = db.collection('sparse');
    await c.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ a: 1 }, { a: 2 }]);
    await c.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([{ code: 'x', active: false }, { code: 'x', active: true }]);
    await expect(c.insertOne({ code: 'x', active: true })).rejects.toMatchObject({ code: 11000 });
  });

  it('explains IXSCAN with an index and COLLSCAN without, with execution stats', async () => {
    const c = db.collection('orders');
    await c.insertMany(Array.from({ length: 200 }, (_, i) => ({ n: i, cat: i % 10, tags: [`t${i % 3}`] })));
    const scan = await c.find({ cat: 3 }).explain('executionStats');
    expect(scan.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(scan.executionStats.totalDocsExamined).toBe(200);
    expect(scan.executionStats.nReturned).toBe(20);
    await c.createIndex({ cat: 1, n: 1 });
    const ix = await c.find({ cat: 3, n: { $gte: 100 } }).explain('executionStats');
    expect(ix.queryPlanner.winningPlan.stage).toBe('FETCH');
    expect(ix.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN', indexName: 'cat_1_n_1', keyPattern: { cat: 1, n: 1 } });
    expect(ix.executionStats.nReturned).toBe(10);
    expect(ix.executionStats.totalDocsExamined).toBe(10);
    expect(await c.countDocuments({ cat: 3, n: { $gte: 100 } })).toBe(10);
    await c.createIndex({ tags: 1 });
    const multi = await c.find({ tags: 't1' }).explain('executionStats');
    expect(multi.queryPlanner.winningPlan.inputStage).toMatchObject({ indexName: 'tags_1', isMultiKey: true });
    expect(multi.executionStats.nReturned).toBe(await c.countDocuments({ tags: 't1' }));
  });

  it('lists and drops indexes; TTL metadata is kept', async () => {
    const c = db.collection('sessions');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const names = (await c.listIndexes().toArray()).map((i) => [i.name, i.expireAfterSeconds]);
    expect(names).toEqual([['_id_', undefined], ['at_1', 60]]);
    await c.dropIndex('at_1');
    await expect(c.dropIndex('at_1')).rejects.toMatchObject({ code: 27 });
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
  });
});

describe('sort and explain', () => {
  it('walks an index for sort + limit instead of sorting in memory', async () => {
    const c = db.collection('events');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ at: (i * 37) % 300, kind: i % 2 ? 'a' : 'b' })));
    const sortedInMemory = await c.find({}).sort({ at: -1 }).limit(5).explain('executionStats');
    expect(sortedInMemory.queryPlanner.winningPlan).toMatchObject({ stage: 'SORT', sortPattern: { at: -1 }, inputStage: { stage: 'COLLSCAN' } });
    await c.createIndex({ kind: 1, at: 1 });
    const top = await c.find({ kind: 'a' }).sort({ at: -1 }).limit(5).toArray();
    expect(top.map((d) => d.at)).toEqual([299, 297, 295, 293, 291]);
    const e = await c.find({ kind: 'a' }).sort({ at: -1 }).limit(5).explain('executionStats');
    expect(e.queryPlanner.winningPlan).toMatchObject({ stage: 'LIMIT', limitAmount: 5, inputStage: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'kind_1_at_1', direction: 'backward' } } });
    expect(e.executionStats.totalDocsExamined).toBe(5);
    const range = await c.find({ kind: 'a', at: { $gt: 10 } }).sort({ kind: 1 }).explain();
    expect(range.queryPlanner.winningPlan.stage).not.toBe('SORT');
  });
});

describe('hashed indexes and dbStats', () => {
  it('uses a hashed index for equality but not for ranges', async () => {
    const c = db.collection('hashed');
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ u: `user${i}`, n: i })));
    await c.createIndex({ u: 'hashed' });
    const eq = await c.find({ u: 'user7' }).explain();
    expect(eq.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN', indexName: 'u_hashed' });
    const range = await c.find({ u: { $gt: 'user7' } }).explain();
    expect(range.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    await expect(c.createIndex({ n: 'hashed' }, { unique: true })).rejects.toMatchObject({ code: 67 });
    const stats = await db.stats();
    expect(stats.objects).toBeGreaterThanOrEqual(50);
    expect(stats.collections).toBeGreaterThan(1);
  });
});
