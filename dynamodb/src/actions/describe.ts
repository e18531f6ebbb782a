// TableDescription as DescribeTable/CreateTable/UpdateTable/DeleteTable return it:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html

import { replicaFields } from '../global/replicas.ts';
import type { Index, Table, Throughput } from '../storage/table.ts';

function throughput(t: Throughput | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    NumberOfDecreasesToday: t?.decreasesToday ?? 0,
    ReadCapacityUnits: t?.read ?? 0,
    WriteCapacityUnits: t?.write ?? 0,
  };
  if (t?.lastIncrease) out.LastIncreaseDateTime = t.lastIncrease / 1000;
  if (t?.lastDecrease) out.LastDecreaseDateTime = t.lastDecrease / 1000;
  return out;
}

function describeIndex(table: Table, index: Index): Record<string, unknown> {
  const { count, bytes } = table.indexSize(index);
  const out: Record<string, unknown> = {
    IndexName: index.name,
    KeySchema: index.keySchema,
    Projection: index.projection,
    IndexSizeBytes: bytes,
    ItemCount: count,
    IndexArn: `${table.arn}/index/${index.name}`,
  };
  if (index.global) {
    const active = Date.now() >= index.activeAt;
    out.IndexStatus = index.deleting ? 'DELETING' : active ? 'ACTIVE' : 'CREATING';
    if (!active) out.Backfilling = true;
    out.ProvisionedThroughput = throughput(index.throughput);
  }
  return out;
}

export function describeTable(table: Table, status: string = table.status): Record<string, unknown> {
  const out: Record<string, unknown> = {
    AttributeDefinitions: table.attributeDefinitions,
    TableName: table.name,
    KeySchema: table.keySchema,
    TableStatus: status,
    CreationDateTime: table.createdAt / 1000,
    ProvisionedThroughput: throughput(table.throughput),
    TableSizeBytes: table.sizeBytes,
    ItemCount: table.itemCount,
    TableArn: table.arn,
    TableId: table.id,
    DeletionProtectionEnabled: table.deletionProtection,
  };
  if (table.tableClass !== 'STANDARD') out.TableClassSummary = { TableClass: table.tableClass };
  if (table.billingMode === 'PAY_PER_REQUEST') {
    out.BillingModeSummary = { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: table.createdAt / 1000 };
  }
  const lsis = [...table.indexes.values()].filter((i) => !i.global);
  const gsis = [...table.indexes.values()].filter((i) => i.global);
  if (lsis.length) out.LocalSecondaryIndexes = lsis.map((i) => describeIndex(table, i));
  if (gsis.length) out.GlobalSecondaryIndexes = gsis.map((i) => describeIndex(table, i));
  if (table.stream.enabled) {
    out.StreamSpecification = { StreamEnabled: true, StreamViewType: table.stream.viewType };
  }
  Object.assign(out, replicaFields(table));
  if (table.stream.arn) {
    out.LatestStreamArn = table.stream.arn;
    out.LatestStreamLabel = table.stream.label;
  }
  return out;
}
