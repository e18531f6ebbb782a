// Shard iterators: opaque strings naming a position in one shard, valid for 15 minutes
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html).
// The position is "after sequence number N", so it stays right when older records are trimmed.

import { validation } from '../errors.ts';

export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

export interface IteratorState {
  streamArn: string;
  shardId: string;
  /** Records with a sequence number above this one come next. */
  after: bigint;
  issuedAt: number;
}

export function encodeIterator(state: IteratorState): string {
  const payload = JSON.stringify({ s: state.shardId, a: state.after.toString(), t: state.issuedAt });
  return `${state.streamArn}|1|${Buffer.from(payload).toString('base64url')}`;
}

/** Decodes an iterator; a string this server did not issue is a ValidationException. */
export function decodeIterator(token: string): IteratorState {
  const cut = token.lastIndexOf('|1|');
  try {
    if (cut < 0) throw new Error('no separator');
    const payload = JSON.parse(Buffer.from(token.slice(cut + 3), 'base64url').toString('utf8')) as { s: unknown; a: unknown; t: unknown };
    if (typeof payload.s !== 'string' || typeof payload.a !== 'string' || typeof payload.t !== 'number') throw new Error('bad payload');
    return { streamArn: token.slice(0, cut), shardId: payload.s, after: BigInt(payload.a), issuedAt: payload.t };
  } catch {
    throw validation('Invalid ShardIterator');
  }
}
