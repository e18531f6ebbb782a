import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { BSON } from 'bson';
import { startMongo, type RunningMongo } from '../server.ts';
import { crc32c } from './crc32c.ts';
import { MongoClient } from 'mongodb';

let srv: RunningMongo;
const logs: string[] = [];
beforeAll(async () => {
  srv = await startMongo({ port: 0, defaultPlugins: false, log: (m) => logs.push(m) });
});
afterAll(() => srv.close());

/** Sends raw bytes; resolves with what came back before the server closed or `ms` passed. */
function send(bytes: Buffer, ms = 300): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const s = connect(srv.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    s.on('data', (d) => chunks.push(d));
    s.on('close', () => { closed = true; resolve({ data: Buffer.concat(chunks), closed }); });
    s.on('error', () => {});
    s.on('connect', () => s.write(bytes));
    setTimeout(() => { s.destroy(); resolve({ data: Buffer.concat(chunks), closed }); }, ms);
  });
}

function opMsg(body: object, flags = 0, withChecksum = false): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  const len = 16 + 4 + 1 + doc.length + (withChecksum ? 4 : 0);
  const b = Buffer.alloc(len);
  b.writeInt32LE(len, 0); b.writeInt32LE(7, 4); b.writeInt32LE(0, 8); b.writeInt32LE(2013, 12);
  b.writeUInt32LE(flags | (withChecksum ? 1 : 0), 16);
  b[20] = 0;
  doc.copy(b, 21);
  if (withChecksum) b.writeUInt32LE(crc32c(b, 0, len - 4), len - 4);
  return b;
}

function replyBody(data: Buffer) {
  return BSON.deserialize(data.subarray(21));
}

describe('wire protocol', () => {
  it('answers OP_MSG with and without a CRC-32C checksum', async () => {
    const plain = await send(opMsg({ ping: 1, $db: 'admin' }));
    expect(replyBody(plain.data).ok).toBe(1);
    const summed = await send(opMsg({ ping: 1, $db: 'admin' }, 0, true));
    expect(replyBody(summed.data).ok).toBe(1);
  });

  it('closes the connection on a bad checksum', async () => {
    const b = opMsg({ ping: 1, $db: 'admin' }, 0, true);
    b.writeUInt32LE(b.readUInt32LE(b.length - 4) ^ 1, b.length - 4);
    const r = await send(b);
    expect(r.data.length).toBe(0);
    expect(r.closed).toBe(true);
  });

  it('sends nothing back for moreToCome requests', async () => {
    const r = await send(opMsg({ ping: 1, $db: 'admin' }, 2));
    expect(r.data.length).toBe(0);
  });

  it('merges kind-1 document sequences into the command', async () => {
    const body = Buffer.from(BSON.serialize({ insert: 'seq', $db: 'wire' }));
    const docs = [Buffer.from(BSON.serialize({ _id: 1 })), Buffer.from(BSON.serialize({ _id: 2 }))];
    const ident = Buffer.from('documents\0');
    const seqLen = 4 + ident.length + docs[0].length + docs[1].length;
    const len = 16 + 4 + 1 + body.length + 1 + seqLen;
    const b = Buffer.alloc(len);
    b.writeInt32LE(len, 0); b.writeInt32LE(1, 4); b.writeInt32LE(2013, 12);
    let p = 20;
    b[p++] = 0; body.copy(b, p); p += body.length;
    b[p++] = 1; b.writeInt32LE(seqLen, p); p += 4; ident.copy(b, p); p += ident.length;
    docs[0].copy(b, p); p += docs[0].length; docs[1].copy(b, p);
    const r = await send(b);
    expect(replyBody(r.data)).toMatchObject({ n: 2, ok: 1 });
  });

  it('rejects oversized and undersized frames and OP_COMPRESSED', async () => {
    const big = Buffer.alloc(16);
    big.writeInt32LE(48_000_001, 0);
    expect((await send(big)).closed).toBe(true);
    const tiny = Buffer.alloc(16);
    tiny.writeInt32LE(8, 0);
    expect((await send(tiny)).closed).toBe(true);
    const comp = opMsg({ ping: 1 });
    comp.writeInt32LE(2012, 12);
    expect((await send(comp)).closed).toBe(true);
    expect(logs.some((l) => l.includes('OP_COMPRESSED'))).toBe(true);
  });

  it('survives random and truncated frames and keeps serving other clients', async () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const valid = opMsg({ find: 'x', filter: { a: 1 }, $db: 'fuzz' });
    const frames: Buffer[] = [];
    for (let i = 0; i < 40; i++) {
      const b = Buffer.from(valid);
      for (let k = 0; k < 1 + Math.floor(rand() * 6); k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      frames.push(i % 3 === 0 ? b.subarray(0, Math.floor(rand() * b.length)) : b);
    }
    for (let i = 0; i < 10; i++) frames.push(Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))));
    await Promise.all(frames.map((f) => send(f, 150)));
    const client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 2000 });
    expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
    await client.close();
  });
});
