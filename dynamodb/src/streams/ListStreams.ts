// ListStreams: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html
// Streams of the caller's tables, oldest first, optionally of one table, paged by stream ARN.

import type { RequestContext } from '../http/registry.ts';
import { OPTIONAL_TABLE_NAME, validateShape } from '../validation/schema.ts';
import { checkStreamArn } from './DescribeStream.ts';
import type { StreamLog } from './log.ts';
import { OPTIONAL_STREAM_ARN } from './shapes.ts';

interface ListStreamsInput {
  TableName?: string;
  Limit?: number;
  ExclusiveStartStreamArn?: string;
}

const MAX_LIMIT = 100;

export function listStreams(log: StreamLog, body: Record<string, unknown>, ctx: RequestContext) {
  const d = validateShape<ListStreamsInput>(body, {
    TableName: OPTIONAL_TABLE_NAME,
    Limit: { type: 'Integer', min: 1, max: MAX_LIMIT },
    ExclusiveStartStreamArn: OPTIONAL_STREAM_ARN,
  });
  let streams = log.list(ctx.namespace, ctx.region).filter((s) => !d.TableName || s.tableName === d.TableName);
  if (d.ExclusiveStartStreamArn) {
    checkStreamArn(d.ExclusiveStartStreamArn);
    const at = streams.findIndex((s) => s.arn === d.ExclusiveStartStreamArn);
    streams = at < 0 ? [] : streams.slice(at + 1);
  }
  const limit = d.Limit ?? MAX_LIMIT;
  const page = streams.slice(0, limit);
  return {
    Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
    ...(streams.length > limit && { LastEvaluatedStreamArn: page.at(-1)!.arn }),
  };
}
