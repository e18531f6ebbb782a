import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
let db: Db;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('positional');
});
afterAll(() => t.close());

// https://www.mongodb.com/docs/manual/reference/operator/update/positional/
describe('positional $ update', () => {
  it('accepts two conditions on the same array (the order-shipping case)', async () => {
    const c = db.collection('orders');
    await c.insertOne({ orderNo: 1, items: [{ sku: 'X', shipped: false }, { sku: 'Y', shipped: false }, { sku: 'Z', shipped: true }] });
    const r = await c.updateOne({ orderNo: 1, 'items.sku': 'Y', 'items.shipped': false }, { $set: { 'items.$.shipped': true } });
    expect(r.modifiedCount).toBe(1);
    const doc = await c.findOne({ orderNo: 1 }, { projection: { _id: 0, items: 1 } });
    expect(doc!.items).toEqual([{ sku: 'X', shipped: false }, { sku: 'Y', shipped: true }, { sku: 'Z', shipped: true }]);
  });

  it('uses the element matched by $elemMatch and nested paths after $', async () => {
    const c = db.collection('grades');
    await c.insertOne({ _id: 1, grades: [{ grade: 80, mean: 75 }, { grade: 85, mean: 90 }, { grade: 85, mean: 85 }] } as never);
    await c.updateOne({ _id: 1, grades: { $elemMatch: { grade: { $lte: 90 }, mean: { $gt: 80 } } } } as never, { $set: { 'grades.$.std': 6 } });
    const doc = await c.findOne({ _id: 1 } as never);
    expect(doc!.grades).toEqual([{ grade: 80, mean: 75 }, { grade: 85, mean: 90, std: 6 }, { grade: 85, mean: 85 }]);
  });

  it('resolves $ inside $and and with operator conditions, for updateMany and findOneAndUpdate', async () => {
    const c = db.collection('scores');
    await c.insertMany([{ k: 1, s: [1, 7, 9] }, { k: 2, s: [8, 2] }]);
    const r = await c.updateMany({ $and: [{ s: { $gt: 5 } }] }, { $inc: { 's.$': 100 } });
    expect(r.modifiedCount).toBe(2);
    expect((await c.find({}, { projection: { _id: 0 } }).sort({ k: 1 }).toArray()).map((d) => d.s)).toEqual([[1, 107, 9], [108, 2]]);
    const after = await c.findOneAndUpdate({ k: 2, s: 2 }, { $set: { 's.$': 3 } }, { returnDocument: 'after' });
    expect(after!.s).toEqual([108, 3]);
  });

  it('fails with BadValue when the query has no condition on the array', async () => {
    const c = db.collection('nomatch');
    await c.insertOne({ k: 1, a: [1, 2] });
    await expect(c.updateOne({ k: 1 }, { $set: { 'a.$': 5 } })).rejects.toMatchObject({
      code: 2, message: 'The positional operator did not find the match needed from the query.',
    });
  });
});
