// A hand-driven SCRAM-SHA-256 conversation over saslStart/saslContinue (no speculative hello,
// no skipEmptyExchange), computing the client proof as RFC 5802 §3 describes.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { Binary, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMongo, type RunningMongo } from '../server.ts';

let srv: RunningMongo;
let client: MongoClient;

beforeAll(async () => {
  srv = await startMongo({ port: 0, auth: { users: [{ user: 'u', pwd: 'pencil', db: 'app', roles: ['readWrite'] }] } });
  // One pooled connection: the conversation state lives on the connection.
  client = new MongoClient(`mongodb://127.0.0.1:${srv.port}/?replicaSet=rs0`, { maxPoolSize: 1 });
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await srv?.close();
});

const hmac = (k: Buffer, s: string) => createHmac('sha256', k).update(s).digest();
const text = (b: Binary) => Buffer.from(b.buffer).toString('utf8');

async function converse(password: string) {
  const db = client.db('app');
  const bare = 'n=u,r=clientnonce123';
  const start = await db.command({ saslStart: 1, mechanism: 'SCRAM-SHA-256', payload: new Binary(Buffer.from(`n,,${bare}`)) });
  expect(start.done).toBe(false);
  const serverFirst = text(start.payload);
  const attrs = Object.fromEntries(serverFirst.split(',').map((p) => [p[0], p.slice(2)]));
  expect(attrs.r.startsWith('clientnonce123')).toBe(true);
  expect(Number(attrs.i)).toBeGreaterThanOrEqual(4096);
  const salted = pbkdf2Sync(password, Buffer.from(attrs.s, 'base64'), Number(attrs.i), 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const withoutProof = `c=biws,r=${attrs.r}`;
  const authMessage = `${bare},${serverFirst},${withoutProof}`;
  const sig = hmac(createHash('sha256').update(clientKey).digest(), authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ sig[i])).toString('base64');
  const cont = await db.command({ saslContinue: 1, conversationId: start.conversationId, payload: new Binary(Buffer.from(`${withoutProof},p=${proof}`)) });
  return { cont, expectedV: `v=${hmac(hmac(salted, 'Server Key'), authMessage).toString('base64')}` };
}

it('completes the three-step exchange and authenticates the connection', async () => {
  const { cont, expectedV } = await converse('pencil');
  expect(cont.done).toBe(false);
  expect(text(cont.payload)).toBe(expectedV);
  const last = await client.db('app').command({ saslContinue: 1, conversationId: cont.conversationId, payload: new Binary(Buffer.alloc(0)) });
  expect(last.done).toBe(true);
  expect(await client.db('app').collection('c').countDocuments()).toBe(0);
  await client.db('app').command({ logout: 1 });
  await expect(client.db('app').collection('c').countDocuments()).rejects.toThrow('command aggregate requires authentication');
});

it('fails the proof for a wrong password', async () => {
  const e = await converse('wrong').catch((err: unknown) => err);
  expect(e).toBeInstanceOf(MongoServerError);
  expect((e as MongoServerError).code).toBe(18);
});
