// GetRecords: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html
// Up to Limit records after the iterator's position, and the iterator to continue from.
// NextShardIterator is absent once a closed shard has been read to its end.

import { expiredIterator, trimmedDataAccess } from '../errors.ts';
import type { RequestContext } from '../http/registry.ts';
import { validateShape } from '../validation/schema.ts';
import { findStream } from './DescribeStream.ts';
import { findShard, isTrimmed } from './GetShardIterator.ts';
import { decodeIterator, encodeIterator, ITERATOR_LIFETIME_MS } from './iterators.ts';
import type { StoredRecord, StreamLog } from './log.ts';
import { SHARD_ITERATOR } from './shapes.ts';

interface GetRecordsInput {
  ShardIterator: string;
  Limit?: number;
}

const MAX_LIMIT = 1000;

/** Index of the first record with a sequence number above `after` (records are in order). */
function firstAfter(records: StoredRecord[], after: bigint): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid]!.seq > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function getRecords(log: StreamLog, body: Record<string, unknown>, ctx: RequestContext) {
  const d = validateShape<GetRecordsInput>(body, {
    ShardIterator: SHARD_ITERATOR,
    Limit: { type: 'Integer', min: 1, max: MAX_LIMIT },
  });
  const it = decodeIterator(d.ShardIterator);
  const stream = findStream(log, ctx, it.streamArn);
  const shard = findShard(stream, it.shardId);
  const now = log.now();
  if (now - it.issuedAt > ITERATOR_LIFETIME_MS) throw expiredIterator();
  if (isTrimmed(shard, it.after)) throw trimmedDataAccess();
  const limit = d.Limit ?? MAX_LIMIT;
  const records = shard.records.slice(firstAfter(shard.records, it.after)).slice(0, limit);
  const after = records.at(-1)?.seq ?? it.after;
  const exhausted = shard.end !== undefined && after >= shard.end;
  return {
    Records: records.map((r) => r.wire),
    ...(!exhausted && { NextShardIterator: encodeIterator({ ...it, after, issuedAt: now }) }),
  };
}
