// Stream bookkeeping shared by CreateTable and UpdateTable. Each enabling gets a fresh label
// (an ISO timestamp, as DynamoDB uses) and so a fresh stream ARN:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Enabling

import type { Table } from '../storage/table.ts';
import type { StreamViewType } from '../types.ts';

export function enableStream(table: Table, viewType: StreamViewType): void {
  // Labels must differ even when a stream is re-enabled within the same millisecond.
  let at = Date.now();
  const previous = table.stream.label ? Date.parse(`${table.stream.label}Z`) : 0;
  if (at <= previous) at = previous + 1;
  const label = new Date(at).toISOString().replace('Z', '');
  table.stream = { enabled: true, viewType, label, arn: `${table.arn}/stream/${label}` };
}

export function disableStream(table: Table): void {
  table.stream = { ...table.stream, enabled: false };
}
