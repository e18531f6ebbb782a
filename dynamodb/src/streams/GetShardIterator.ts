// GetShardIterator: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html
// TRIM_HORIZON starts at the oldest record still kept, LATEST just after the newest one,
// AT_/AFTER_SEQUENCE_NUMBER at or after a given record of the shard.

import { resourceNotFound, trimmedDataAccess, validation } from '../errors.ts';
import type { RequestContext } from '../http/registry.ts';
import { validateShape } from '../validation/schema.ts';
import { findStream } from './DescribeStream.ts';
import { encodeIterator } from './iterators.ts';
import type { Shard, Stream, StreamLog } from './log.ts';
import { ITERATOR_TYPE, SEQUENCE_NUMBER, SHARD_ID, STREAM_ARN } from './shapes.ts';

type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';

interface GetShardIteratorInput {
  StreamArn: string;
  ShardId: string;
  ShardIteratorType: IteratorType;
  SequenceNumber?: string;
}

export function findShard(stream: Stream, shardId: string): Shard {
  const shard = stream.shards.find((s) => s.id === shardId);
  if (!shard) throw resourceNotFound('Requested resource not found: Shard does not exist');
  return shard;
}

/** True when records after `after` were already trimmed away (TrimmedDataAccessException). */
export function isTrimmed(shard: Shard, after: bigint): boolean {
  return shard.trimmedUpTo > shard.start && after < shard.trimmedUpTo;
}

function sequencePosition(log: StreamLog, shard: Shard, d: GetShardIteratorInput): bigint {
  if (d.SequenceNumber === undefined) {
    throw validation(`A SequenceNumber is required for ShardIteratorType ${d.ShardIteratorType}`);
  }
  if (!/^\d+$/.test(d.SequenceNumber)) throw validation(`Invalid SequenceNumber: ${d.SequenceNumber}`);
  const seq = BigInt(d.SequenceNumber);
  const last = shard.end ?? log.lastSequence;
  if (seq < shard.start || seq > last) {
    throw validation(`Invalid SequenceNumber: ${d.SequenceNumber} is not in shard ${shard.id}`);
  }
  return d.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? seq - 1n : seq;
}

export function getShardIterator(log: StreamLog, body: Record<string, unknown>, ctx: RequestContext) {
  const d = validateShape<GetShardIteratorInput>(body, {
    StreamArn: STREAM_ARN,
    ShardId: SHARD_ID,
    ShardIteratorType: ITERATOR_TYPE,
    SequenceNumber: SEQUENCE_NUMBER,
  });
  const stream = findStream(log, ctx, d.StreamArn);
  const shard = findShard(stream, d.ShardId);
  const bySequence = d.ShardIteratorType === 'AT_SEQUENCE_NUMBER' || d.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER';
  if (!bySequence && d.SequenceNumber !== undefined) {
    throw validation(`A SequenceNumber cannot be used with ShardIteratorType ${d.ShardIteratorType}`);
  }
  let after: bigint;
  if (d.ShardIteratorType === 'TRIM_HORIZON') after = shard.trimmedUpTo;
  else if (d.ShardIteratorType === 'LATEST') after = shard.end ?? shard.records.at(-1)?.seq ?? shard.trimmedUpTo;
  else {
    after = sequencePosition(log, shard, d);
    if (isTrimmed(shard, after)) throw trimmedDataAccess();
  }
  return { ShardIterator: encodeIterator({ streamArn: stream.arn, shardId: shard.id, after, issuedAt: log.now() }) };
}
