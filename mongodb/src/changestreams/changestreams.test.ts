// Change streams through the official driver: event shapes, options, resume, invalidation.
import { MongoClient, MongoServerError, Timestamp, type ChangeStream, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type RunningMongo } from '../server.ts';

let srv: RunningMongo;
let client: MongoClient;
let n = 0;
const dbName = () => `cs${++n}`;
type Doc = { _id: number; a?: { b: number }; c?: number; arr?: number[]; v?: number; x?: number; y?: number };
/** documentKey of a data event (the driver's union type hides it on non-data events). */
const key = (e: unknown) => (e as Document).documentKey;

beforeAll(async () => {
  srv = await startMongo({ port: 0 });
  client = new MongoClient(srv.uri);
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await srv?.close();
});

/** Opens the stream on the server (aggregate sent) before the test writes anything. */
async function open<T extends Document>(cs: ChangeStream<T>): Promise<ChangeStream<T>> {
  expect(await cs.tryNext()).toBeNull();
  return cs;
}

describe('event shapes', () => {
  it('insert, update, replace and delete', async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    const cs = await open(coll.watch([], { maxAwaitTimeMS: 50 }));
    await coll.insertOne({ _id: 1, a: { b: 1 }, c: 1, arr: [1, 2] });
    await coll.updateOne({ _id: 1 }, { $set: { 'a.b': 2 }, $unset: { c: '' }, $push: { arr: 3 } });
    await coll.updateOne({ _id: 1 }, { $pop: { arr: 1 } });
    await coll.replaceOne({ _id: 1 }, { x: 1 });
    await coll.deleteOne({ _id: 1 });

    const ins = await cs.next();
    expect(ins).toMatchObject({ operationType: 'insert', ns: { db: coll.dbName, coll: 'c' }, documentKey: { _id: 1 }, fullDocument: { _id: 1, a: { b: 1 }, c: 1, arr: [1, 2] } });
    expect(typeof (ins._id as { _data: unknown })._data).toBe('string');
    expect(ins).toHaveProperty('clusterTime');
    expect((ins as { clusterTime: unknown }).clusterTime).toBeInstanceOf(Timestamp);
    expect((ins as { wallTime: unknown }).wallTime).toBeInstanceOf(Date);

    const upd = await cs.next();
    expect(upd).toMatchObject({ operationType: 'update', documentKey: { _id: 1 } });
    expect((upd as Document).updateDescription).toEqual({ updatedFields: { 'a.b': 2, 'arr.2': 3 }, removedFields: ['c'], truncatedArrays: [] });
    expect(upd).not.toHaveProperty('fullDocument');
    const pop = await cs.next();
    expect((pop as Document).updateDescription).toEqual({ updatedFields: {}, removedFields: [], truncatedArrays: [{ field: 'arr', newSize: 2 }] });

    expect(await cs.next()).toMatchObject({ operationType: 'replace', fullDocument: { _id: 1, x: 1 }, documentKey: { _id: 1 } });
    const del = await cs.next();
    expect(del).toMatchObject({ operationType: 'delete', documentKey: { _id: 1 } });
    expect(del).not.toHaveProperty('fullDocument');
    await cs.close();
  });

  it('fullDocument updateLookup and fullDocumentBeforeChange', async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    await coll.insertOne({ _id: 1, v: 1 });
    const cs = await open(coll.watch([], { fullDocument: 'updateLookup', fullDocumentBeforeChange: 'whenAvailable', maxAwaitTimeMS: 50 }));
    await coll.updateOne({ _id: 1 }, { $inc: { v: 1 } });
    await coll.deleteOne({ _id: 1 });
    const upd = await cs.next();
    // The lookup happens when the event is read: the document is already deleted.
    expect(upd).toMatchObject({ operationType: 'update', fullDocument: null, fullDocumentBeforeChange: { _id: 1, v: 1 } });
    expect(await cs.next()).toMatchObject({ operationType: 'delete', fullDocumentBeforeChange: { _id: 1, v: 2 } });
    await cs.close();
  });

  it("fullDocument 'whenAvailable' and 'required' carry the post-image", async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    await coll.insertOne({ _id: 1, v: 1 });
    const when = await open(coll.watch([], { fullDocument: 'whenAvailable', maxAwaitTimeMS: 50 }));
    const req = await open(coll.watch([], { fullDocument: 'required', maxAwaitTimeMS: 50 }));
    await coll.updateOne({ _id: 1 }, { $inc: { v: 1 } });
    await coll.updateOne({ _id: 1 }, { $inc: { v: 1 } });
    expect(await when.next()).toMatchObject({ operationType: 'update', fullDocument: { _id: 1, v: 2 } });
    expect(await req.next()).toMatchObject({ operationType: 'update', fullDocument: { _id: 1, v: 2 } });
    await Promise.all([when.close(), req.close()]);
  });

  it('drop then invalidate closes a collection stream', async () => {
    const db = client.db(dbName());
    await db.collection<Doc>('c').insertOne({ _id: 1 });
    const cs = await open(db.collection<Doc>('c').watch([], { maxAwaitTimeMS: 50 }));
    await db.collection<Doc>('c').drop();
    expect(await cs.next()).toMatchObject({ operationType: 'drop', ns: { db: db.databaseName, coll: 'c' } });
    expect(await cs.next()).toMatchObject({ operationType: 'invalidate' });
    expect(cs.closed).toBe(true);
  });

  it('database streams see rename, drop, dropDatabase and then invalidate', async () => {
    const db = client.db(dbName());
    await db.collection<Doc>('a').insertOne({ _id: 1 });
    const cs = await open(db.watch([], { maxAwaitTimeMS: 50 }));
    await db.collection<Doc>('a').rename('b');
    await db.dropDatabase();
    expect(await cs.next()).toMatchObject({ operationType: 'rename', ns: { db: db.databaseName, coll: 'a' }, to: { db: db.databaseName, coll: 'b' } });
    expect(await cs.next()).toMatchObject({ operationType: 'drop', ns: { db: db.databaseName, coll: 'b' } });
    expect(await cs.next()).toMatchObject({ operationType: 'dropDatabase', ns: { db: db.databaseName } });
    expect(await cs.next()).toMatchObject({ operationType: 'invalidate' });
  });

  it('applies $match and $project after $changeStream', async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    const cs = await open(coll.watch([{ $match: { 'fullDocument.x': { $gt: 1 } } }, { $project: { operationType: 1, 'fullDocument.x': 1 } }], { maxAwaitTimeMS: 50 }));
    await coll.insertMany([{ _id: 1, x: 1, y: 1 }, { _id: 2, x: 2, y: 2 }]);
    const e = await cs.next();
    expect(e).toEqual({ _id: expect.anything(), operationType: 'insert', fullDocument: { x: 2 } });
    await cs.close();
  });
});

describe('scopes and transactions', () => {
  it('a cluster-wide stream sees every user database, not admin', async () => {
    const cs = await open(client.watch([], { maxAwaitTimeMS: 50 }));
    const [d1, d2] = [dbName(), dbName()];
    await client.db('admin').collection<Doc>('hidden').insertOne({ _id: 0 });
    await client.db(d1).collection<Doc>('x').insertOne({ _id: 1 });
    await client.db(d2).collection<Doc>('y').insertOne({ _id: 2 });
    expect(await cs.next()).toMatchObject({ ns: { db: d1, coll: 'x' }, documentKey: { _id: 1 } });
    expect(await cs.next()).toMatchObject({ ns: { db: d2, coll: 'y' }, documentKey: { _id: 2 } });
    await cs.close();
  });

  it('reports committed transactions with lsid and txnNumber, never aborted ones', async () => {
    const coll = client.db(dbName()).collection<Doc>('t');
    await coll.insertOne({ _id: 0 });
    const cs = await open(coll.watch([], { maxAwaitTimeMS: 50 }));
    const session = client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ _id: 1 }, { session });
      await session.abortTransaction();
      await session.withTransaction(async () => {
        await coll.insertOne({ _id: 2 }, { session });
        await coll.deleteOne({ _id: 0 }, { session });
      });
    } finally {
      await session.endSession();
    }
    const a = (await cs.next()) as Document;
    const b = (await cs.next()) as Document;
    expect([a.operationType, b.operationType]).toEqual(['insert', 'delete']);
    expect(a.documentKey).toEqual({ _id: 2 });
    expect(a.lsid).toHaveProperty('id');
    expect(a).toHaveProperty('txnNumber');
    expect(await cs.tryNext()).toBeNull();
    await cs.close();
  });
});

describe('resuming', () => {
  it('resumeAfter a token from a closed stream, on a new client', async () => {
    const name = dbName();
    const coll = client.db(name).collection<Doc>('c');
    const cs = await open(coll.watch([], { maxAwaitTimeMS: 50 }));
    await coll.insertOne({ _id: 1 });
    const first = await cs.next();
    await cs.close();
    await coll.insertMany([{ _id: 2 }, { _id: 3 }]);
    const other = new MongoClient(srv.uri);
    try {
      const resumed = other.db(name).collection('c').watch([], { resumeAfter: first._id });
      expect(key(await resumed.next())).toEqual({ _id: 2 });
      expect(key(await resumed.next())).toEqual({ _id: 3 });
      await resumed.close();
    } finally {
      await other.close();
    }
  });

  it('the driver resumes by itself when its server cursor is killed', async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    const cs = await open(coll.watch([], { maxAwaitTimeMS: 50 }));
    await coll.insertOne({ _id: 1 });
    expect(key(await cs.next())).toEqual({ _id: 1 });
    const id = (cs as unknown as { cursor: { id: unknown } }).cursor.id;
    await client.db(coll.dbName).command({ killCursors: 'c', cursors: [id] });
    await coll.insertOne({ _id: 2 });
    expect(key(await cs.next())).toEqual({ _id: 2 });
    await cs.close();
  });

  it('the driver reconnects and resumes after the connection drops mid-getMore', async () => {
    const watcher = new MongoClient(srv.uri, { monitorCommands: true });
    const aggregates: Document[] = [];
    watcher.on('commandStarted', (e) => {
      if (e.commandName === 'aggregate') aggregates.push(e.command);
    });
    try {
      const name = dbName();
      const cs = await open(watcher.db(name).collection<Doc>('c').watch([], { maxAwaitTimeMS: 50 }));
      const coll = client.db(name).collection<Doc>('c');
      await coll.insertOne({ _id: 1 });
      expect(key(await cs.next())).toEqual({ _id: 1 });
      await client.db('admin').command({ configureFailPoint: 'failCommand', mode: { times: 1 }, data: { failCommands: ['getMore'], closeConnection: true } });
      try {
        await coll.insertOne({ _id: 2 });
        expect(key(await cs.next())).toEqual({ _id: 2 });
      } finally {
        await client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
      }
      // The second aggregate is the driver's resume, carrying the last token it saw.
      expect(aggregates).toHaveLength(2);
      expect(aggregates[1].pipeline[0].$changeStream.resumeAfter).toHaveProperty('_data');
      await cs.close();
    } finally {
      await watcher.close();
    }
  });

  it('startAtOperationTime replays events from that time', async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    const session = client.startSession();
    await coll.insertOne({ _id: 0 }, { session });
    const before = session.operationTime!;
    await session.endSession();
    await coll.insertOne({ _id: 1 });
    const cs = coll.watch([], { startAtOperationTime: before });
    expect(key(await cs.next())).toEqual({ _id: 0 });
    expect(key(await cs.next())).toEqual({ _id: 1 });
    await cs.close();
  });

  it('startAfter an invalidate starts a new stream; resumeAfter it is an error', async () => {
    const db = client.db(dbName());
    await db.collection<Doc>('c').insertOne({ _id: 1 });
    const cs = await open(db.collection<Doc>('c').watch([], { maxAwaitTimeMS: 50 }));
    await db.collection<Doc>('c').drop();
    await cs.next();
    const inv = await cs.next();
    expect(inv.operationType).toBe('invalidate');
    await db.collection<Doc>('c').insertOne({ _id: 2 });
    const after = db.collection<Doc>('c').watch([], { startAfter: inv._id });
    expect(key(await after.next())).toEqual({ _id: 2 });
    await after.close();
    const bad = await db.collection<Doc>('c').aggregate([{ $changeStream: { resumeAfter: inv._id } }]).toArray().catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(MongoServerError);
    expect((bad as MongoServerError).code).toBe(260);
  });

  it('rejects malformed tokens and two resume options', async () => {
    const coll = client.db(dbName()).collection('c');
    const fails = (pipeline: Document[]) =>
      coll.aggregate(pipeline).toArray().then(
        () => {
          throw new Error('expected a server error');
        },
        (e: unknown) => e as MongoServerError,
      );
    const bad = (stage: Document) => fails([{ $changeStream: stage }]);
    expect((await bad({ resumeAfter: { _data: 'zz' } })).code).toBe(260);
    expect((await bad({ resumeAfter: { _data: 'zz' }, startAtOperationTime: new Timestamp({ t: 1, i: 1 }) })).code).toBe(40674);
    expect((await bad({ fullDocument: 'sometimes' })).code).toBe(2);
    expect((await fails([{ $changeStream: {} }, { $group: { _id: null } }])).code).toBe(20);
  });
});

describe('getMore', () => {
  it('waits up to maxAwaitTimeMS for an event and returns a postBatchResumeToken', async () => {
    const coll = client.db(dbName()).collection<Doc>('c');
    const cs = coll.watch([], { maxAwaitTimeMS: 1000 });
    await cs.tryNext(); // aggregate
    const t0 = Date.now();
    expect(await cs.tryNext()).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(cs.resumeToken).toHaveProperty('_data');

    // An event arriving while getMore waits ends the wait early.
    const t1 = Date.now();
    setTimeout(() => void coll.insertOne({ _id: 1 }), 50);
    const e = await cs.next();
    expect(key(e)).toEqual({ _id: 1 });
    expect(Date.now() - t1).toBeLessThan(900);
    await cs.close();
  });
});
