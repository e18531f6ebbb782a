// MongoDB wire protocol framing: https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
// Parses OP_MSG (2013) and legacy OP_QUERY (2004, handshake only); builds OP_MSG and OP_REPLY (1).
import { BSON, type Document } from 'bson';
import { crc32c } from './crc32c.ts';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_BSON_SIZE = 16 * 1024 * 1024;

const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
const KNOWN_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME | EXHAUST_ALLOWED;

export class ProtocolError extends Error {}

export interface Header { length: number; requestId: number; responseTo: number; opCode: number }

export type Request =
  | { kind: 'msg'; header: Header; flags: number; body: Document }
  | { kind: 'query'; header: Header; collection: string; body: Document };

const DESERIALIZE = { promoteBuffers: false, validation: { utf8: false } } as const;

export function readHeader(buf: Buffer): Header {
  return { length: buf.readInt32LE(0), requestId: buf.readInt32LE(4), responseTo: buf.readInt32LE(8), opCode: buf.readInt32LE(12) };
}

function readDoc(buf: Buffer, offset: number, end: number): { doc: Document; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid BSON document length ${size}`);
  try {
    return { doc: BSON.deserialize(buf.subarray(offset, offset + size), DESERIALIZE), next: offset + size };
  } catch (e) {
    throw new ProtocolError(`invalid BSON: ${(e as Error).message}`);
  }
}

function readCString(buf: Buffer, offset: number, end: number): { s: string; next: number } {
  const z = buf.indexOf(0, offset);
  if (z < 0 || z >= end) throw new ProtocolError('unterminated cstring');
  return { s: buf.toString('utf8', offset, z), next: z + 1 };
}

/** Parses one complete message (header included). Throws ProtocolError on anything malformed. */
export function parseMessage(msg: Buffer): Request {
  const header = readHeader(msg);
  const end = msg.length;
  if (header.opCode === OP_MSG) {
    if (end < 21) throw new ProtocolError('OP_MSG too short');
    const flags = msg.readUInt32LE(16);
    if (flags & ~KNOWN_FLAGS & 0xffff) throw new ProtocolError(`unknown required OP_MSG flag bits ${flags}`);
    let bodyEnd = end;
    if (flags & CHECKSUM_PRESENT) {
      bodyEnd = end - 4;
      if (crc32c(msg, 0, bodyEnd) !== msg.readUInt32LE(bodyEnd)) throw new ProtocolError('OP_MSG checksum mismatch');
    }
    let pos = 20;
    let body: Document | undefined;
    const sequences: Array<[string, Document[]]> = [];
    while (pos < bodyEnd) {
      const kind = msg[pos++];
      if (kind === 0) {
        if (body) throw new ProtocolError('OP_MSG has more than one body section');
        const r = readDoc(msg, pos, bodyEnd);
        body = r.doc;
        pos = r.next;
      } else if (kind === 1) {
        if (pos + 4 > bodyEnd) throw new ProtocolError('truncated document sequence');
        const size = msg.readInt32LE(pos);
        const seqEnd = pos + size;
        if (size < 5 || seqEnd > bodyEnd) throw new ProtocolError('invalid document sequence size');
        const id = readCString(msg, pos + 4, seqEnd);
        let p = id.next;
        const docs: Document[] = [];
        while (p < seqEnd) {
          const r = readDoc(msg, p, seqEnd);
          docs.push(r.doc);
          p = r.next;
        }
        sequences.push([id.s, docs]);
        pos = seqEnd;
      } else throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
    if (!body) throw new ProtocolError('OP_MSG without a body section');
    for (const [id, docs] of sequences) {
      if (id in body) throw new ProtocolError(`duplicate field ${id} in OP_MSG body and document sequence`);
      body[id] = docs;
    }
    return { kind: 'msg', header, flags, body };
  }
  if (header.opCode === OP_QUERY) {
    const c = readCString(msg, 20, end);
    const r = readDoc(msg, c.next + 8, end);
    return { kind: 'query', header, collection: c.s, body: r.doc };
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

const SERIALIZE = { checkKeys: false, ignoreUndefined: true } as const;

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function buildMsg(requestId: number, responseTo: number, body: Document): Buffer {
  const doc = BSON.serialize(body, SERIALIZE);
  const flags = Buffer.alloc(5);
  return Buffer.concat([header(16 + 5 + doc.length, requestId, responseTo, OP_MSG), flags, doc]);
}

export function buildReply(requestId: number, responseTo: number, body: Document): Buffer {
  const doc = BSON.serialize(body, SERIALIZE);
  const fixed = Buffer.alloc(20);
  fixed.writeInt32LE(1, 16);
  return Buffer.concat([header(16 + 20 + doc.length, requestId, responseTo, OP_REPLY), fixed, doc]);
}
