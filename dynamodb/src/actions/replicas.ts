// UpdateTable ReplicaUpdates for global tables version 2019.11.21:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ReplicationGroupUpdate.html
// Replicas need DynamoDB Streams with NEW_AND_OLD_IMAGES; it is enabled when absent, and a
// stream of another view type is refused, as DynamoDB does.

import { validation } from '../errors.ts';
import type { Table } from '../storage/table.ts';
import type { UpdateTableInput } from '../validation/UpdateTable.ts';
import type { OpContext } from './context.ts';
import { enableStream } from './streamSpec.ts';

export function updateReplicas(table: Table, updates: NonNullable<UpdateTableInput['ReplicaUpdates']>, ctx: OpContext): void {
  for (const u of updates) {
    const region = (u.Create ?? u.Update ?? u.Delete)?.RegionName;
    if (!region) throw validation('One or more parameter values were invalid: One of Create, Update or Delete must be specified in ReplicaUpdates');
    if (ctx.server.regions.length && !ctx.server.regions.includes(region)) {
      throw validation(`One or more parameter values were invalid: Region ${region} is not served by this endpoint`);
    }
    if (u.Create) {
      if (region === table.region || ctx.store.tables(ctx.namespace, region).has(table.name)) {
        throw validation(
          `Failed to create a the new replica of table with name: '${table.name}' because one or more replicas already existed as tables.`,
        );
      }
      if (table.stream.enabled && table.stream.viewType !== 'NEW_AND_OLD_IMAGES') {
        throw validation(`Table: ${table.name} already has a stream enabled with StreamViewType: ${table.stream.viewType}; requires NEW_AND_OLD_IMAGES`);
      }
      if (!table.stream.enabled) enableStream(table, 'NEW_AND_OLD_IMAGES');
      const replica = ctx.server.replication.createReplica(table, region);
      enableStream(replica, 'NEW_AND_OLD_IMAGES');
    } else if (u.Delete) {
      if (!table.replicaRegions?.has(region) || region === table.region) {
        throw validation(`One or more parameter values were invalid: Replica ${region} does not exist for table ${table.name}`);
      }
      ctx.server.replication.deleteReplica(table, region);
    }
  }
}
