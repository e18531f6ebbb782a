// UpdateTimeToLive / DescribeTimeToLive: the specification is stored on the table; the
// sweeper that deletes expired items lives in dynamodb/src/ttl.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html

import { resourceNotFound, validation } from '../errors.ts';
import type { OpContext } from './context.ts';

function table(ctx: OpContext, name: string) {
  const t = ctx.store.tables(ctx.namespace, ctx.region).get(name);
  if (!t) throw resourceNotFound(`Requested resource not found: Table: ${name} not found`);
  ctx.note({ table: name });
  return t;
}

export function updateTimeToLive(d: { TableName: string; TimeToLiveSpecification: { Enabled: boolean; AttributeName: string } }, ctx: OpContext) {
  const t = table(ctx, d.TableName);
  const spec = d.TimeToLiveSpecification;
  if (spec.Enabled && t.ttl?.enabled) throw validation('TimeToLive is already enabled');
  if (!spec.Enabled && !t.ttl?.enabled) throw validation('TimeToLive is already disabled');
  if (!spec.Enabled && t.ttl && t.ttl.attribute !== spec.AttributeName) {
    throw validation(`TimeToLive is active on a different AttributeName: current AttributeName is ${t.ttl.attribute}`);
  }
  t.ttl = { attribute: spec.AttributeName, enabled: spec.Enabled };
  return { TimeToLiveSpecification: spec };
}

export function describeTimeToLive(d: { TableName: string }, ctx: OpContext) {
  const t = table(ctx, d.TableName);
  const desc: Record<string, unknown> = { TimeToLiveStatus: t.ttl?.enabled ? 'ENABLED' : 'DISABLED' };
  if (t.ttl?.enabled) desc.AttributeName = t.ttl.attribute;
  return { TimeToLiveDescription: desc };
}
