import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId, Decimal128 } from 'mongodb';
import { startMongo } from '../server.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'keyspace-mongo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withServer<T>(fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const srv = await startMongo({ port: 0, defaultPlugins: false, dataDir: dir });
  const client = new MongoClient(srv.uri);
  try {
    return await fn(client);
  } finally {
    await client.close();
    await srv.close();
  }
}

describe('dataDir persistence', () => {
  it('restores documents, BSON types, indexes and views after a restart', async () => {
    const id = new ObjectId();
    await withServer(async (client) => {
      const db = client.db('keep');
      await db.collection('c').insertOne({ _id: id, at: new Date(5), price: Decimal128.fromString('9.99') });
      await db.collection('c').createIndex({ at: 1 }, { unique: true });
      await db.createCollection('v', { viewOn: 'c', pipeline: [] });
    });
    await withServer(async (client) => {
      const db = client.db('keep');
      const doc = await db.collection('c').findOne({ _id: id });
      expect(doc!.at).toEqual(new Date(5));
      expect(doc!.price).toBeInstanceOf(Decimal128);
      expect((await db.collection('c').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'at_1']);
      await expect(db.collection('c').insertOne({ at: new Date(5) })).rejects.toMatchObject({ code: 11000 });
      expect(await db.collection('v').countDocuments()).toBe(1);
    });
  });
});
