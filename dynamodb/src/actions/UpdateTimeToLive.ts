// UpdateTimeToLive: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html

import { validation } from '../errors.ts';
import { syncReplicaSettings } from '../global/settings.ts';
import type { OpContext } from './context.ts';
import { ttlTable } from './ttl.ts';

export function updateTimeToLive(d: { TableName: string; TimeToLiveSpecification: { Enabled: boolean; AttributeName: string } }, ctx: OpContext) {
  const t = ttlTable(ctx, d.TableName);
  const spec = d.TimeToLiveSpecification;
  if (spec.Enabled && t.ttl?.enabled) throw validation('TimeToLive is already enabled');
  if (!spec.Enabled && !t.ttl?.enabled) throw validation('TimeToLive is already disabled');
  if (!spec.Enabled && t.ttl && t.ttl.attribute !== spec.AttributeName) {
    throw validation(`TimeToLive is active on a different AttributeName: current AttributeName is ${t.ttl.attribute}`);
  }
  t.ttl = { attribute: spec.AttributeName, enabled: spec.Enabled };
  syncReplicaSettings(t);
  return { TimeToLiveSpecification: spec };
}
