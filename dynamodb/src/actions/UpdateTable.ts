// UpdateTable: throughput, billing mode, GSI create (with backfill) / update / delete, streams.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
// Global table replicas (ReplicaUpdates, version 2019.11.21) are handled in ../global/replicas.ts.

import { limitExceeded, resourceInUse, resourceNotFound, validation } from '../errors.ts';
import type { Table, Throughput } from '../storage/table.ts';
import type { StreamViewType } from '../types.ts';
import { checkStreamChange, updateReplicas } from '../global/replicas.ts';
import { syncReplicaSettings } from '../global/settings.ts';
import { checkGlobalIndex } from '../validation/indexes.ts';
import type { UpdateTableInput } from '../validation/UpdateTable.ts';
import type { OpContext } from './context.ts';
import { describeTable } from './describe.ts';
import { disableStream, enableStream } from './streamSpec.ts';

const INVALID = 'One or more parameter values were invalid: ';

function setThroughput(current: Throughput, wanted: { ReadCapacityUnits: number; WriteCapacityUnits: number }, what: string): void {
  const read = wanted.ReadCapacityUnits - current.read;
  const write = wanted.WriteCapacityUnits - current.write;
  if (!read && !write) {
    throw validation(
      `The provisioned throughput for the ${what} will not change. The requested value equals the current value. ` +
        `Current ReadCapacityUnits provisioned for the ${what}: ${current.read}. Requested ReadCapacityUnits: ${wanted.ReadCapacityUnits}. ` +
        `Current WriteCapacityUnits provisioned for the ${what}: ${current.write}. Requested WriteCapacityUnits: ${wanted.WriteCapacityUnits}. ` +
        'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    );
  }
  if (read > 0 || write > 0) current.lastIncrease = Date.now();
  if (read < 0 || write < 0) {
    current.lastDecrease = Date.now();
    current.decreasesToday++;
  }
  current.read = wanted.ReadCapacityUnits;
  current.write = wanted.WriteCapacityUnits;
}

function updateIndexes(table: Table, d: UpdateTableInput, ctx: OpContext, payPerRequest: boolean): void {
  const updates = d.GlobalSecondaryIndexUpdates ?? [];
  // One online index operation at a time, counting a GSI still backfilling from an earlier call.
  const building = [...table.indexes.values()].some((i) => i.global && Date.now() < i.activeAt);
  if (updates.filter((u) => u.Create || u.Delete).length > (building ? 0 : 1)) {
    throw limitExceeded('Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
  }
  for (const u of updates) {
    if (u.Create) {
      const spec = u.Create;
      if (table.indexes.has(spec.IndexName)) throw validation(`${INVALID}Index with name: ${spec.IndexName} already exists`);
      const defs = [...table.attributeDefinitions];
      for (const def of d.AttributeDefinitions ?? []) {
        const existing = defs.find((x) => x.AttributeName === def.AttributeName);
        if (existing && existing.AttributeType !== def.AttributeType) {
          throw validation(`${INVALID}Attribute ${def.AttributeName} is redefined with a different type`);
        }
        if (!existing) defs.push(def);
      }
      const msg = checkGlobalIndex(spec, defs, payPerRequest);
      if (msg) throw validation(msg);
      table.attributeDefinitions = defs;
      const t = spec.ProvisionedThroughput;
      table.addIndex({
        name: spec.IndexName,
        global: true,
        keySchema: spec.KeySchema,
        projection: spec.Projection,
        throughput: t ? { read: t.ReadCapacityUnits, write: t.WriteCapacityUnits, decreasesToday: 0 } : undefined,
        activeAt: Date.now() + ctx.server.createIndexMs,
      });
    } else if (u.Update) {
      const index = table.indexes.get(u.Update.IndexName);
      if (!index?.global) throw resourceNotFound(`Requested resource not found: Index: ${u.Update.IndexName} not found`);
      if (payPerRequest) {
        throw validation(`${INVALID}ProvisionedThroughput should not be specified for index: ${index.name} when BillingMode is PAY_PER_REQUEST`);
      }
      index.throughput ??= { read: 0, write: 0, decreasesToday: 0 };
      setThroughput(index.throughput, u.Update.ProvisionedThroughput, 'index');
    } else if (u.Delete) {
      const index = table.indexes.get(u.Delete.IndexName);
      if (!index?.global) throw resourceNotFound(`Requested resource not found: Index: ${u.Delete.IndexName} not found`);
      table.indexes.delete(index.name);
    }
  }
}

export function updateTable(d: UpdateTableInput, ctx: OpContext) {
  const table = ctx.store.tables(ctx.namespace, ctx.region).get(d.TableName);
  if (!table) throw resourceNotFound(`Requested resource not found: Table: ${d.TableName} not found`);
  ctx.note({ table: d.TableName });
  if (table.status !== 'ACTIVE') throw resourceInUse(`Attempt to change a resource which is still in use: Table is being created: ${d.TableName}`);
  if (d.ReplicaUpdates) {
    updateReplicas(table, d, ctx);
    return { TableDescription: describeTable(table) };
  }
  checkStreamChange(table, d);
  const billing = d.BillingMode ?? table.billingMode;
  const payPerRequest = billing === 'PAY_PER_REQUEST';
  if (d.ProvisionedThroughput && payPerRequest) {
    throw validation(`${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`);
  }
  if (d.StreamSpecification) {
    if (d.StreamSpecification.StreamEnabled && table.stream.enabled) {
      throw validation(`Table already has an enabled stream: TableName: ${table.name}`);
    }
    if (!d.StreamSpecification.StreamEnabled && !table.stream.enabled) {
      throw validation(`Table already has no stream: TableName: ${table.name}`);
    }
  }
  updateIndexes(table, d, ctx, payPerRequest);
  syncReplicaSettings(table);
  if (d.ProvisionedThroughput) {
    if (table.billingMode === 'PAY_PER_REQUEST') {
      table.throughput.read = d.ProvisionedThroughput.ReadCapacityUnits;
      table.throughput.write = d.ProvisionedThroughput.WriteCapacityUnits;
    } else {
      setThroughput(table.throughput, d.ProvisionedThroughput, 'table');
    }
  }
  if (billing !== table.billingMode) {
    table.billingMode = billing;
    if (payPerRequest) table.throughput = { read: 0, write: 0, decreasesToday: 0 };
  }
  if (d.StreamSpecification?.StreamEnabled) enableStream(table, d.StreamSpecification.StreamViewType as StreamViewType);
  else if (d.StreamSpecification) disableStream(table);
  if (d.DeletionProtectionEnabled !== undefined) table.deletionProtection = d.DeletionProtectionEnabled;
  if (d.TableClass) table.tableClass = d.TableClass as Table['tableClass'];
  ctx.server.throttle.forget(table);
  return { TableDescription: describeTable(table, d.ProvisionedThroughput || d.BillingMode ? 'UPDATING' : table.status) };
}
