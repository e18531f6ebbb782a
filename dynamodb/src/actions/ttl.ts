// Shared by UpdateTimeToLive / DescribeTimeToLive: the spec is stored on the table; the sweeper
// that deletes expired items lives in dynamodb/src/ttl.

import { resourceNotFound } from '../errors.ts';
import type { Table } from '../storage/table.ts';
import type { OpContext } from './context.ts';

export function ttlTable(ctx: OpContext, name: string): Table {
  const t = ctx.store.tables(ctx.namespace, ctx.region).get(name);
  if (!t) throw resourceNotFound(`Requested resource not found: Table: ${name} not found`);
  ctx.note({ table: name });
  return t;
}
