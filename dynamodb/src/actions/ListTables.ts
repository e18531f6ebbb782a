// ListTables: names in ascending order, paged by Limit (≤100) and ExclusiveStartTableName.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html

import type { OpContext } from './context.ts';

export function listTables(d: { Limit?: number; ExclusiveStartTableName?: string }, ctx: OpContext) {
  const names = [...ctx.store.tables(ctx.namespace, ctx.region).keys()].sort();
  const start = d.ExclusiveStartTableName === undefined ? 0 : names.findIndex((n) => n > d.ExclusiveStartTableName!);
  const from = start < 0 ? names.length : start;
  const limit = d.Limit ?? 100;
  const page = names.slice(from, from + limit);
  const out: Record<string, unknown> = { TableNames: page };
  if (from + limit < names.length) out.LastEvaluatedTableName = page[page.length - 1];
  return out;
}
