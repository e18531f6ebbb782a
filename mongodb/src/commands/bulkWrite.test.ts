import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClientBulkWriteError, type Db, type MongoClient } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
let client: MongoClient;
let admin: Db;
beforeAll(async () => {
  t = await startTestServer();
  client = t.client;
  admin = client.db('admin');
});
afterAll(() => t.close());

// https://www.mongodb.com/docs/manual/reference/command/bulkWrite/
describe('bulkWrite command (MongoDB 8.0)', () => {
  it('reports 8.0 / wire version 25 so the driver sends client bulk writes', async () => {
    const hello = await admin.command({ hello: 1 });
    expect(hello.maxWireVersion).toBe(25);
    expect((await admin.command({ buildInfo: 1 })).versionArray.slice(0, 2)).toEqual([8, 0]);
  });

  it('writes across namespaces with verbose results through MongoClient.bulkWrite', async () => {
    await client.db('bw1').collection('a').insertMany([{ _id: 1, x: 1 }, { _id: 2, x: 2 }] as never);
    const r = await client.bulkWrite([
      { name: 'insertOne', namespace: 'bw1.a', document: { _id: 3, x: 3 } },
      { name: 'insertOne', namespace: 'bw2.b', document: { _id: 'k', y: 1 } },
      { name: 'updateMany', namespace: 'bw1.a', filter: { x: { $gte: 2 } }, update: { $inc: { x: 10 } } },
      { name: 'replaceOne', namespace: 'bw2.b', filter: { _id: 'z' }, replacement: { y: 9 }, upsert: true },
      { name: 'deleteOne', namespace: 'bw1.a', filter: { _id: 1 } },
    ] as never, { verboseResults: true });
    expect(r).toMatchObject({ insertedCount: 2, matchedCount: 2, modifiedCount: 2, upsertedCount: 1, deletedCount: 1 });
    expect(r.updateResults!.get(2)).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(r.updateResults!.get(3)).toMatchObject({ matchedCount: 1, modifiedCount: 0, upsertedId: 'z' });
    expect(r.deleteResults!.get(4)).toEqual({ deletedCount: 1 });
    expect(await client.db('bw1').collection('a').find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 2, x: 12 }, { _id: 3, x: 13 }]);
    expect(await client.db('bw2').collection('b').find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'k', y: 1 }, { _id: 'z', y: 9 }]);
  });

  it('stops at the first error when ordered and continues when unordered', async () => {
    const models = [
      { name: 'insertOne', namespace: 'bw3.c', document: { _id: 1 } },
      { name: 'insertOne', namespace: 'bw3.c', document: { _id: 1 } },
      { name: 'insertOne', namespace: 'bw3.c', document: { _id: 2 } },
    ];
    const ordered = await client.bulkWrite(models as never).catch((e) => e);
    expect(ordered).toBeInstanceOf(MongoClientBulkWriteError);
    expect([...ordered.writeErrors.entries()].map(([i, e]: [number, { code: number }]) => [i, e.code])).toEqual([[1, 11000]]);
    expect(await client.db('bw3').collection('c').countDocuments()).toBe(1);
    await client.db('bw3').collection('c').deleteMany({});
    const unordered = await client.bulkWrite(models as never, { ordered: false }).catch((e) => e);
    expect([...unordered.writeErrors.keys()]).toEqual([1]);
    expect(unordered.partialResult.insertedCount).toBe(2);
  });

  it('answers the raw command with a results cursor, counters and errorsOnly', async () => {
    const base = { bulkWrite: 1, nsInfo: [{ ns: 'bw4.d' }] };
    const ops = [{ insert: 0, document: { _id: 1 } }, { insert: 0, document: { _id: 1 } }, { update: 0, filter: { _id: 1 }, updateMods: { $set: { a: 1 } }, multi: false }, { delete: 0, filter: {}, multi: true }];
    const full = await admin.command({ ...base, ops, ordered: false, cursor: { batchSize: 2 } });
    expect(full).toMatchObject({ nErrors: 1, nInserted: 1, nMatched: 1, nModified: 1, nUpserted: 0, nDeleted: 1 });
    expect(full.cursor.ns).toBe('admin.$cmd.bulkWrite');
    expect(full.cursor.firstBatch).toEqual([{ ok: 1, idx: 0, n: 1 }, expect.objectContaining({ ok: 0, idx: 1, code: 11000, keyValue: { _id: 1 } })]);
    const more = await admin.command({ getMore: full.cursor.id, collection: '$cmd.bulkWrite' });
    expect(more.cursor.nextBatch).toEqual([{ ok: 1, idx: 2, n: 1, nModified: 1 }, { ok: 1, idx: 3, n: 1 }]);
    const errorsOnly = await admin.command({ ...base, ops: ops.slice(0, 2), errorsOnly: true });
    expect(errorsOnly.cursor.firstBatch.map((d: { idx: number }) => d.idx)).toEqual([1]);
  });

  it('rejects a bad nsInfo index and runs only on admin', async () => {
    await expect(admin.command({ bulkWrite: 1, ops: [{ insert: 1, document: {} }], nsInfo: [{ ns: 'bw5.e' }] })).rejects.toMatchObject({ code: 2 });
    await expect(client.db('bw5').command({ bulkWrite: 1, ops: [], nsInfo: [] })).rejects.toMatchObject({ code: 13 });
  });

  it('runs inside a transaction (applied at commit, discarded on abort)', async () => {
    const c = client.db('bw7').collection('g');
    await c.insertOne({ _id: 0 } as never);
    const session = client.startSession();
    try {
      session.startTransaction();
      await client.bulkWrite([{ name: 'insertOne', namespace: 'bw7.g', document: { _id: 1 } }] as never, { session });
      expect(await c.countDocuments()).toBe(1);
      await session.abortTransaction();
      expect(await c.countDocuments()).toBe(1);
      session.startTransaction();
      await client.bulkWrite([{ name: 'insertOne', namespace: 'bw7.g', document: { _id: 2 } }, { name: 'deleteOne', namespace: 'bw7.g', filter: { _id: 0 } }] as never, { session });
      await session.commitTransaction();
      expect(await c.find().toArray()).toEqual([{ _id: 2 }]);
    } finally {
      await session.endSession();
    }
  });

  it('accepts sort on updateOne and replaceOne (new in 8.0)', async () => {
    const c = client.db('bw6').collection('f');
    await c.insertMany([{ _id: 1, v: 5 }, { _id: 2, v: 9 }, { _id: 3, v: 7 }] as never);
    await c.updateOne({}, { $set: { top: true } }, { sort: { v: -1 } });
    await c.replaceOne({}, { v: 0, low: true }, { sort: { v: 1 } });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 0, low: true }, { _id: 2, v: 9, top: true }, { _id: 3, v: 7 }]);
  });
});
