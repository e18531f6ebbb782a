// TTL expiry through the driver: the background monitor deletes expired documents (dates, arrays by
// their earliest date), leaves non-dates alone, and the deletions reach change streams.
import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type RunningMongo } from '../server.ts';
import { sweep } from './monitor.ts';

let srv: RunningMongo;
let client: MongoClient;
type Doc = { _id: number; at?: unknown; kind?: string };

beforeAll(async () => {
  srv = await startMongo({ port: 0, ttlMonitorIntervalMs: 100 });
  client = new MongoClient(srv.uri);
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await srv?.close();
});

async function waitFor(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('TTL monitor', () => {
  it('deletes expired documents in the background and keeps the rest', async () => {
    const c = client.db('ttl1').collection<Doc>('sessions');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const old = new Date(Date.now() - 120_000);
    const fresh = new Date();
    await c.insertMany([
      { _id: 1, at: old },
      { _id: 2, at: fresh },
      { _id: 3, at: [fresh, old] }, // earliest date is expired
      { _id: 4, at: [fresh] },
      { _id: 5, at: 12345 }, // not a date: never expires
      { _id: 6, at: 'yesterday' },
      { _id: 7 },
    ]);
    await waitFor(async () => (await c.countDocuments()) === 5);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([2, 4, 5, 6, 7]);
  });

  it('emits delete change events', async () => {
    const c = client.db('ttl3').collection<Doc>('e');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const cs = c.watch([], { maxAwaitTimeMS: 100 });
    expect(await cs.tryNext()).toBeNull();
    await c.insertOne({ _id: 1, at: new Date(Date.now() - 5000) });
    expect(await cs.next()).toMatchObject({ operationType: 'insert' });
    const del = (await cs.next()) as Document;
    expect(del).toMatchObject({ operationType: 'delete', documentKey: { _id: 1 } });
    await cs.close();
  });
});

describe('sweep', () => {
  let quiet: RunningMongo;
  let qc: MongoClient;
  beforeAll(async () => {
    // No background pass: only explicit sweeps delete.
    quiet = await startMongo({ port: 0, ttlMonitorIntervalMs: 0 });
    qc = new MongoClient(quiet.uri);
    await qc.connect();
  });
  afterAll(async () => {
    await qc?.close();
    await quiet?.close();
  });

  it('honours partialFilterExpression and ignores compound indexes', async () => {
    const db = qc.db('ttl2');
    const partial = db.collection<Doc>('p');
    await partial.createIndex({ at: 1 }, { expireAfterSeconds: 0, partialFilterExpression: { kind: 'temp' } });
    const compound = db.collection<Doc>('c');
    await compound.createIndex({ at: 1, kind: 1 }, { expireAfterSeconds: 0 });
    const old = new Date(Date.now() - 10_000);
    await partial.insertMany([{ _id: 1, at: old, kind: 'temp' }, { _id: 2, at: old, kind: 'keep' }]);
    await compound.insertOne({ _id: 1, at: old, kind: 'temp' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await partial.countDocuments()).toBe(2);
    expect(sweep(quiet.core)).toBe(1);
    expect(await partial.find().toArray()).toEqual([{ _id: 2, at: old, kind: 'keep' }]);
    expect(await compound.countDocuments()).toBe(1);
  });
});
