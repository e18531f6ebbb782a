// The errors DynamoDB answers for global tables version 2019.11.21 (UpdateTable ReplicaUpdates).
// Texts as the real service words them, recorded by ScyllaDB's Alternator test suite run against
// AWS (test/alternator/test_gt.py) and by public DynamoDB API probes (ack-api-quirks,
// "Table replicas (ReplicaUpdates, version 2019.11.21)"), including AWS's typos and typographic quotes.

import { resourceInUse, validation } from '../errors.ts';

export const localRegion = () =>
  validation('Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.');

/** `served`: the regions this server hosts (AWS lists every region global tables support). */
export const unsupportedRegion = (region: string, served: string[]) =>
  validation(`Region ${region} is not supported. The latest version of global tables are only supported in the following regions: [${served.join(', ')}]`);

export const replicaExists = (table: string) =>
  validation(`Failed to create a the new replica of table with name: \u2018${table}\u2019 because one or more replicas already existed as tables.`);

export const notReplicas = (regions: string[]) =>
  validation(
    `Update global table operation failed because one or more replicas were not part of the global table. Please retry the request without these replicas: [${regions.join(', ')}].`,
  );

export const noReplicaAction = () => validation('There are no actions specified in the Replica Update Action of the request.');

export const mixedReplicaActions = () => validation('Update table operation with more than one type of replica actions not allowed.');

export const severalReplicaActions = () => validation('Update table operation with more than one create or delete replica actions not allowed');

/** Provisioned tables need write auto scaling, which this server does not model. */
export const notAutoScaled = () => validation('Table write capacity should either be Pay-Per-Request or AutoScaled.');

export const streamRequired = () => validation('Disabling Stream is not allowed for a Global Table replica.');

export const replicaChangeInProgress = () => resourceInUse('The resource which you are attempting to change is in use.');

/**
 * DynamoDB refuses ReplicaUpdates combined with any other change "before any state check"; its
 * exact text is not on record, so this one follows its wording for the SSE equivalent.
 */
export const replicaUpdatesAlone = () =>
  validation('One or more parameter values were invalid: ReplicaUpdates modification must be the only operation in the request');
