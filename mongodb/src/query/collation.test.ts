import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Db } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
let db: Db;
let c: Collection;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('collation');
  c = db.collection('words');
  await c.insertMany([
    { _id: 1, w: 'cafe' }, { _id: 2, w: 'Café' }, { _id: 3, w: 'CAFE' }, { _id: 4, w: 'zebra' },
    { _id: 5, w: 'Äpfel' }, { _id: 6, w: 'apple' }, { _id: 7, n: 'item10' }, { _id: 8, n: 'item9' },
  ] as never);
  await c.createIndex({ w: 1 });
});
afterAll(() => t.close());

const ids = (docs: Array<{ _id?: unknown }>) => docs.map((d) => d._id);
const en1 = { locale: 'en', strength: 1 };
const en2 = { locale: 'en', strength: 2 };

// https://www.mongodb.com/docs/manual/reference/collation/
describe('collation', () => {
  it('matches by strength: 1 ignores case and accents, 2 only case, 3 (default) neither', async () => {
    expect(ids(await c.find({ w: 'cafe' }, { collation: en1 }).sort({ _id: 1 }).toArray())).toEqual([1, 2, 3]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: en2 }).sort({ _id: 1 }).toArray())).toEqual([1, 3]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: { locale: 'en' } }).toArray())).toEqual([1]);
    expect(ids(await c.find({ w: { $in: ['CAFÉ', 'ZEBRA'] } }, { collation: en1 }).sort({ _id: 1 }).toArray())).toEqual([1, 2, 3, 4]);
    expect(await c.countDocuments({ w: { $ne: 'cafe' } }, { collation: en2 })).toBe(6);
    expect(ids(await c.find({ w: { $gte: 'B', $lt: 'D' } }, { collation: en2 }).sort({ _id: 1 }).toArray())).toEqual([1, 2, 3]);
  });

  it('caseLevel with strength 1 tells case apart but not accents', async () => {
    expect(ids(await c.find({ w: 'cafe' }, { collation: { locale: 'en', strength: 1, caseLevel: true } }).sort({ _id: 1 }).toArray())).toEqual([1]);
    expect(ids(await c.find({ w: 'Cafe' }, { collation: { locale: 'en', strength: 1, caseLevel: true } }).toArray())).toEqual([2]);
  });

  it('sorts by the locale (and numerically with numericOrdering), ignoring simple-order indexes', async () => {
    const sorted = await c.find({ w: { $exists: true } }, { collation: { locale: 'en' } }).sort({ w: 1 }).toArray();
    expect(sorted.map((d) => d.w)).toEqual(['Äpfel', 'apple', 'cafe', 'CAFE', 'Café', 'zebra']);
    const simple = await c.find({ w: { $exists: true } }).sort({ w: 1 }).toArray();
    expect(simple.map((d) => d.w)).toEqual(['CAFE', 'Café', 'apple', 'cafe', 'zebra', 'Äpfel']);
    const ex = await c.find({ w: 'cafe' }, { collation: en2 }).explain('executionStats');
    expect(ex.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(ex.executionStats.nReturned).toBe(2);
    const numeric = await c.find({ n: { $exists: true } }, { collation: { locale: 'en', numericOrdering: true } }).sort({ n: 1 }).toArray();
    expect(numeric.map((d) => d.n)).toEqual(['item9', 'item10']);
  });

  it('applies to distinct, aggregate $match/$sort, update and delete', async () => {
    expect((await c.distinct('w', { w: 'cafe' }, { collation: en1 })).length).toBe(1);
    const agg = await c.aggregate([{ $match: { w: 'CAFE' } }, { $sort: { _id: -1 } }, { $project: { _id: 1 } }], { collation: en2 }).toArray();
    expect(ids(agg)).toEqual([3, 1]);
    const up = await c.updateMany({ w: 'CAFÉ' }, { $set: { hit: true } }, { collation: en1 });
    expect(up.modifiedCount).toBe(3);
    const del = await c.deleteOne({ w: 'ZEBRA' }, { collation: en2 });
    expect(del.deletedCount).toBe(1);
    expect(await c.countDocuments({ hit: true })).toBe(3);
  });

  it('validates the collation document', async () => {
    await expect(c.find({}, { collation: { locale: 'xx_NOPE_zz' } }).toArray()).rejects.toMatchObject({ code: 2 });
    await expect(c.find({}, { collation: { locale: 'en', strength: 9 } }).toArray()).rejects.toMatchObject({ code: 2 });
    await expect(c.find({}, { collation: { strength: 1 } as never }).toArray()).rejects.toMatchObject({ code: 40414 });
    expect(ids(await c.find({ w: 'cafe' }, { collation: { locale: 'simple' } }).toArray())).toEqual([1]);
  });
});
