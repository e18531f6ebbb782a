// CreateTable: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// The table answers CREATING and turns ACTIVE after `createTableMs` (0 by default, so SDK
// waiters return at their first poll).

import { resourceInUse } from '../errors.ts';
import { Table } from '../storage/table.ts';
import type { StreamViewType } from '../types.ts';
import type { CreateTableInput } from '../validation/CreateTable.ts';
import type { OpContext } from './context.ts';
import { describeTable } from './describe.ts';
import { enableStream } from './streamSpec.ts';

export function createTable(d: CreateTableInput, ctx: OpContext) {
  const tables = ctx.store.tables(ctx.namespace, ctx.region);
  if (tables.has(d.TableName)) throw resourceInUse(`Table already exists: ${d.TableName}`);
  const activeAt = Date.now() + ctx.server.createTableMs;
  const table = new Table(
    {
      namespace: ctx.namespace,
      region: ctx.region,
      name: d.TableName,
      attributeDefinitions: d.AttributeDefinitions,
      keySchema: d.KeySchema,
      billingMode: d.BillingMode ?? 'PROVISIONED',
      throughput: d.ProvisionedThroughput && {
        read: d.ProvisionedThroughput.ReadCapacityUnits,
        write: d.ProvisionedThroughput.WriteCapacityUnits,
      },
      activeAt,
    },
    ctx.store.changes,
  );
  for (const lsi of d.LocalSecondaryIndexes ?? []) {
    table.addIndex({ name: lsi.IndexName, global: false, keySchema: lsi.KeySchema, projection: lsi.Projection, activeAt });
  }
  for (const gsi of d.GlobalSecondaryIndexes ?? []) {
    const t = gsi.ProvisionedThroughput;
    table.addIndex({
      name: gsi.IndexName,
      global: true,
      keySchema: gsi.KeySchema,
      projection: gsi.Projection,
      throughput: t ? { read: t.ReadCapacityUnits, write: t.WriteCapacityUnits, decreasesToday: 0 } : undefined,
      activeAt,
    });
  }
  if (d.StreamSpecification?.StreamEnabled) enableStream(table, d.StreamSpecification.StreamViewType as StreamViewType);
  for (const tag of d.Tags ?? []) table.tags.set(tag.Key, tag.Value);
  table.deletionProtection = d.DeletionProtectionEnabled ?? false;
  if (d.TableClass) table.tableClass = d.TableClass as Table['tableClass'];
  tables.set(d.TableName, table);
  ctx.note({ table: d.TableName });
  return { TableDescription: describeTable(table, 'CREATING') };
}
