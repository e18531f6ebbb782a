// Resume tokens: `{ _data: "<hex>" }`, opaque to clients. Ours encode the event's cluster time
// (leading, like the server's KeyString-encoded tokens, so they sort by time), the history
// sequence number and the token kind. https://www.mongodb.com/docs/manual/changeStreams/#resume-tokens
import type { Document, Timestamp } from 'bson';
import { changeStreamErrors } from './errors.ts';

/** 'event': an event's _id; 'invalidate': an invalidate event's _id; 'hwm': a high-water mark. */
export type TokenKind = 'hwm' | 'event' | 'invalidate';
const KIND_CODES: Record<TokenKind, string> = { hwm: '00', event: '80', invalidate: '81' };

export interface ResumeToken {
  seconds: number;
  increment: number;
  seq: number;
  kind: TokenKind;
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

export function encodeToken(clusterTime: Timestamp, seq: number, kind: TokenKind): Document {
  const data = `82${hex(clusterTime.getHighBitsUnsigned(), 8)}${hex(clusterTime.getLowBitsUnsigned(), 8)}${hex(seq, 12)}${KIND_CODES[kind]}`;
  return { _data: data };
}

export function decodeToken(token: unknown): ResumeToken {
  const data = token && typeof token === 'object' ? (token as Document)._data : undefined;
  const m = typeof data === 'string' ? /^82([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{12})(00|80|81)$/i.exec(data) : null;
  if (!m) throw changeStreamErrors.badToken();
  const kind = (Object.keys(KIND_CODES) as TokenKind[]).find((k) => KIND_CODES[k] === m[4].toUpperCase())!;
  return { seconds: Number.parseInt(m[1], 16), increment: Number.parseInt(m[2], 16), seq: Number.parseInt(m[3], 16), kind };
}
