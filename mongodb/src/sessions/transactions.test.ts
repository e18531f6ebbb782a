import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';
import { abort } from './commit.ts';

let t: TestServer;
let db: Db;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('txn');
});
afterAll(() => t.close());

describe('transactions', () => {
  it('commits atomically and hides writes until commit', async () => {
    const c = db.collection('acct');
    await c.insertMany([{ _id: 'a', bal: 100 }, { _id: 'b', bal: 0 }] as never[]);
    const s = t.client.startSession();
    s.startTransaction();
    await c.updateOne({ _id: 'a' } as never, { $inc: { bal: -30 } }, { session: s });
    await c.updateOne({ _id: 'b' } as never, { $inc: { bal: 30 } }, { session: s });
    expect((await c.findOne({ _id: 'a' } as never))!.bal).toBe(100);
    expect((await c.findOne({ _id: 'a' } as never, { session: s }))!.bal).toBe(70);
    await s.commitTransaction();
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d.bal)).toEqual([70, 30]);
    await s.endSession();
  });

  it('rolls back on abort', async () => {
    const c = db.collection('abort');
    const s = t.client.startSession();
    s.startTransaction();
    await c.insertOne({ x: 1 }, { session: s });
    await s.abortTransaction();
    expect(await c.countDocuments()).toBe(0);
    await s.endSession();
  });

  it('reads a stable snapshot taken at the first statement', async () => {
    const c = db.collection('snap');
    await c.insertOne({ _id: 1, v: 1 } as never);
    const s = t.client.startSession();
    s.startTransaction();
    expect((await c.findOne({ _id: 1 } as never, { session: s }))!.v).toBe(1);
    await c.updateOne({ _id: 1 } as never, { $set: { v: 2 } });
    await c.insertOne({ _id: 2 } as never);
    expect((await c.findOne({ _id: 1 } as never, { session: s }))!.v).toBe(1);
    expect(await c.find({}, { session: s }).toArray()).toHaveLength(1);
    await s.abortTransaction();
    await s.endSession();
  });

  it('reports WriteConflict with TransientTransactionError', async () => {
    const c = db.collection('conflict');
    await c.insertOne({ _id: 1, v: 0 } as never);
    const s1 = t.client.startSession();
    const s2 = t.client.startSession();
    s1.startTransaction();
    s2.startTransaction();
    await c.updateOne({ _id: 1 } as never, { $set: { v: 1 } }, { session: s1 });
    const err = await c.updateOne({ _id: 1 } as never, { $set: { v: 2 } }, { session: s2 }).catch((e) => e);
    expect(err.code).toBe(112);
    expect(err.codeName).toBe('WriteConflict');
    expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
    await s1.commitTransaction();
    await s2.abortTransaction().catch(() => {});
    expect((await c.findOne({ _id: 1 } as never))!.v).toBe(1);
    await s1.endSession();
    await s2.endSession();
  });

  it('answers NoSuchTransaction once the server has dropped the transaction', async () => {
    const c = db.collection('gone');
    const s = t.client.startSession();
    s.startTransaction();
    await c.insertOne({ a: 1 }, { session: s });
    await t.client.db('admin').command({ killAllSessions: [] });
    const err = await s.commitTransaction().catch((e) => e);
    expect(err.code).toBe(251);
    expect(err.codeName).toBe('NoSuchTransaction');
    expect(await c.countDocuments()).toBe(0);
    await s.endSession();
  });

  it('aborts transactions that outlive the 60 s lifetime limit', async () => {
    const c = db.collection('stale');
    const s = t.client.startSession();
    s.startTransaction();
    await c.insertOne({ a: 1 }, { session: s });
    expect(t.srv.core.sessions.reap(abort, 60_000, Date.now() + 61_000)).toBe(1);
    await expect(s.commitTransaction()).rejects.toMatchObject({ code: 251 });
    await s.endSession();
  });

  it('withTransaction retries and commits', async () => {
    const c = db.collection('wt');
    const s = t.client.startSession();
    await s.withTransaction(async () => {
      await c.insertOne({ a: 1 }, { session: s });
      await c.insertOne({ a: 2 }, { session: s });
    });
    expect(await c.countDocuments()).toBe(2);
    await s.endSession();
  });

  it('makes retryable writes idempotent per txnNumber', async () => {
    const s = t.client.startSession();
    const cmd = { insert: 'retry', documents: [{ _id: 1 }], lsid: s.id, txnNumber: 5 };
    const first = await db.command(cmd);
    const again = await db.command(cmd);
    expect(first.n).toBe(1);
    expect(again.n).toBe(1);
    expect(again.writeErrors).toBeUndefined();
    expect(await db.collection('retry').countDocuments()).toBe(1);
    await s.endSession();
  });
});
