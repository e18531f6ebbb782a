// DescribeTable: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html

import { resourceNotFound } from '../errors.ts';
import type { OpContext } from './context.ts';
import { describeTable as describe } from './describe.ts';

export function describeTable(d: { TableName: string }, ctx: OpContext) {
  const table = ctx.store.tables(ctx.namespace, ctx.region).get(d.TableName);
  if (!table) throw resourceNotFound(`Requested resource not found: Table: ${d.TableName} not found`);
  ctx.note({ table: d.TableName });
  return { Table: describe(table) };
}
