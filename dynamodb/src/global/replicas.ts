// UpdateTable ReplicaUpdates for global tables version 2019.11.21:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_reqs_bestpractices.html
// What DynamoDB checks, in this order: ReplicaUpdates alone in the request; one Create or
// Delete per call; not the local region; a region global tables serve (here: one this server
// hosts); on-demand or auto-scaled capacity; no table of that name in the target region yet;
// for Delete, a current member. Streams are not a prerequisite: a table without one gets
// NEW_AND_OLD_IMAGES, an existing stream keeps its view type (Alternator's test_gt.py,
// test_global_table_keys_only_is_enough, run against AWS), and while the table is global its
// stream cannot be disabled.

import type { Table } from '../storage/table.ts';
import type { StreamViewType } from '../types.ts';
import type { UpdateTableInput } from '../validation/UpdateTable.ts';
import type { OpContext } from '../actions/context.ts';
import { enableStream } from '../actions/streamSpec.ts';
import {
  localRegion,
  mixedReplicaActions,
  noReplicaAction,
  notAutoScaled,
  notReplicas,
  replicaChangeInProgress,
  replicaExists,
  replicaUpdatesAlone,
  severalReplicaActions,
  streamRequired,
  unsupportedRegion,
} from './errors.ts';
import { membersOf } from './group.ts';

type ReplicaUpdate = NonNullable<UpdateTableInput['ReplicaUpdates']>[number];

// Region names as AWS spells them (lower case), e.g. eu-west-1, us-gov-west-1.
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Fails unless `d` changes nothing but replicas (DynamoDB checks this before any state). */
export function checkReplicaUpdatesAlone(d: UpdateTableInput): void {
  const others = [d.ProvisionedThroughput, d.BillingMode, d.StreamSpecification, d.GlobalSecondaryIndexUpdates, d.DeletionProtectionEnabled, d.TableClass];
  if (d.ReplicaUpdates && others.some((x) => x !== undefined)) throw replicaUpdatesAlone();
}

/** The one Create or Delete of the request (identical Creates count once, as in DynamoDB). */
function singleAction(updates: ReplicaUpdate[]): { kind: 'Create' | 'Delete'; region: string } {
  const actions: Array<{ kind: 'Create' | 'Delete'; region: string }> = [];
  for (const u of updates) {
    const kinds = (['Create', 'Update', 'Delete'] as const).filter((k) => u[k]);
    if (!kinds.length) throw noReplicaAction();
    if (kinds.length > 1) throw mixedReplicaActions();
    // Update carries per-replica overrides (throughput, table class), none of which this server models.
    if (kinds[0] === 'Update') throw noReplicaAction();
    const action = { kind: kinds[0] as 'Create' | 'Delete', region: (u.Create ?? u.Delete)!.RegionName };
    if (!actions.some((a) => a.kind === action.kind && a.region === action.region)) actions.push(action);
  }
  if (actions.length !== 1) throw severalReplicaActions();
  return actions[0]!;
}

/** Applies `d.ReplicaUpdates` to `table` (a member, or the table about to become global). */
export function updateReplicas(table: Table, d: UpdateTableInput, ctx: OpContext): void {
  checkReplicaUpdatesAlone(d);
  const { kind, region } = singleAction(d.ReplicaUpdates ?? []);
  if (region === table.region) throw localRegion();
  const served = ctx.server.regions;
  if (served.length ? !served.includes(region) : !REGION_NAME.test(region)) throw unsupportedRegion(region, served);
  const replication = ctx.server.replication;
  const members = membersOf(table);
  if (members.some((m) => m.status !== 'ACTIVE')) throw replicaChangeInProgress();
  if (kind === 'Create') {
    if (table.billingMode !== 'PAY_PER_REQUEST') throw notAutoScaled();
    if (ctx.store.tables(ctx.namespace, region).has(table.name)) throw replicaExists(table.name);
    if (!table.stream.enabled) enableStream(table, 'NEW_AND_OLD_IMAGES');
    const replica = replication.createReplica(table, region);
    enableStream(replica, table.stream.viewType as StreamViewType);
  } else {
    if (!members.some((m) => m.region === region)) throw notReplicas([region]);
    replication.deleteReplica(table, region);
  }
}

/** UpdateTable's StreamSpecification on a global table: a replica's stream cannot be disabled. */
export function checkStreamChange(table: Table, d: UpdateTableInput): void {
  if (d.StreamSpecification && !d.StreamSpecification.StreamEnabled && membersOf(table).length) {
    throw streamRequired();
  }
}

/**
 * DescribeTable's global-table fields: the version and the other members with their status
 * (each region lists the others, as AWS answered in the probes cited in errors.ts).
 */
export function replicaFields(table: Table): Record<string, unknown> {
  const members = membersOf(table);
  if (!members.length) return {};
  return {
    GlobalTableVersion: '2019.11.21',
    Replicas: members.filter((m) => m !== table).map((m) => ({ RegionName: m.region, ReplicaStatus: m.status })),
  };
}

