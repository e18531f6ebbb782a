// DeleteTable: answers DELETING and removes the table at once (as DynamoDB Local does).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html

import { resourceNotFound, validation } from '../errors.ts';
import type { OpContext } from './context.ts';
import { describeTable } from './describe.ts';

export function deleteTable(d: { TableName: string }, ctx: OpContext) {
  const tables = ctx.store.tables(ctx.namespace, ctx.region);
  const table = tables.get(d.TableName);
  if (!table) throw resourceNotFound(`Requested resource not found: Table: ${d.TableName} not found`);
  if (table.deletionProtection) {
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
    throw validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
  }
  tables.delete(d.TableName);
  table.replicaRegions?.delete(table.region);
  table.detach();
  ctx.note({ table: d.TableName });
  return { TableDescription: describeTable(table, 'DELETING') };
}
