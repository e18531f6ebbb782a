// DescribeStream: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html
// Shards in creation order (parents before children), paged by shard id; a closed shard has
// an EndingSequenceNumber.

import { resourceNotFound, validation } from '../errors.ts';
import type { RequestContext } from '../http/registry.ts';
import { validateShape } from '../validation/schema.ts';
import type { Stream, StreamLog } from './log.ts';
import { OPTIONAL_SHARD_ID, STREAM_ARN, STREAM_ARN_FORMAT } from './shapes.ts';

interface DescribeStreamInput {
  StreamArn: string;
  Limit?: number;
  ExclusiveStartShardId?: string;
}

const MAX_SHARDS = 100;

export const streamNotFound = (arn: string) => resourceNotFound(`Requested resource not found: Stream: ${arn} not found`);

/** A string that is not a stream ARN at all is a ValidationException, not a missing stream. */
export function checkStreamArn(arn: string): void {
  if (!STREAM_ARN_FORMAT.test(arn)) throw validation(`Invalid StreamArn: ${arn}`);
}

/** The stream, or the ResourceNotFoundException DynamoDB answers for an unknown ARN. */
export function findStream(log: StreamLog, ctx: RequestContext, arn: string): Stream {
  checkStreamArn(arn);
  const stream = log.get(ctx.namespace, ctx.region, arn);
  if (!stream) throw streamNotFound(arn);
  return stream;
}

export function describeStream(log: StreamLog, body: Record<string, unknown>, ctx: RequestContext) {
  const d = validateShape<DescribeStreamInput>(body, {
    StreamArn: STREAM_ARN,
    Limit: { type: 'Integer', min: 1, max: MAX_SHARDS },
    ExclusiveStartShardId: OPTIONAL_SHARD_ID,
  });
  const stream = findStream(log, ctx, d.StreamArn);
  let shards = stream.shards;
  if (d.ExclusiveStartShardId) {
    const at = shards.findIndex((s) => s.id === d.ExclusiveStartShardId);
    shards = at < 0 ? [] : shards.slice(at + 1);
  }
  const limit = d.Limit ?? MAX_SHARDS;
  const page = shards.slice(0, limit);
  return {
    StreamDescription: {
      StreamArn: stream.arn,
      StreamLabel: stream.label,
      StreamStatus: stream.disabledAt === undefined ? 'ENABLED' : 'DISABLED',
      StreamViewType: stream.viewType,
      CreationRequestDateTime: stream.createdAt / 1000,
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      Shards: page.map((s) => ({
        ShardId: s.id,
        ...(s.parentId && { ParentShardId: s.parentId }),
        SequenceNumberRange: {
          StartingSequenceNumber: s.start.toString(),
          ...(s.end !== undefined && { EndingSequenceNumber: s.end.toString() }),
        },
      })),
      ...(shards.length > limit && { LastEvaluatedShardId: page.at(-1)!.id }),
    },
  };
}
