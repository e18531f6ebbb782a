// DescribeTimeToLive: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html

import type { OpContext } from './context.ts';
import { ttlTable } from './ttl.ts';

export function describeTimeToLive(d: { TableName: string }, ctx: OpContext) {
  const t = ttlTable(ctx, d.TableName);
  const desc: Record<string, unknown> = { TimeToLiveStatus: t.ttl?.enabled ? 'ENABLED' : 'DISABLED' };
  if (t.ttl?.enabled) desc.AttributeName = t.ttl.attribute;
  return { TimeToLiveDescription: desc };
}
