// Test helper: a server on 127.0.0.1:0 (core only, no plugins) and a connected driver client.
import { MongoClient } from 'mongodb';
import { startMongo, type RunningMongo } from './server.ts';

export interface TestServer { srv: RunningMongo; client: MongoClient; close(): Promise<void> }

export async function startTestServer(): Promise<TestServer> {
  const srv = await startMongo({ port: 0, defaultPlugins: false });
  const client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 3000 });
  await client.connect();
  return {
    srv,
    client,
    async close() {
      await client.close();
      await srv.close();
    },
  };
}
