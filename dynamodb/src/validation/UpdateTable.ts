// UpdateTable request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html

import { validation } from '../errors.ts';
import type { AttributeDefinition, BillingMode } from '../types.ts';
import { checkThroughput } from './CreateTable.ts';
import type { IndexSpec } from './indexes.ts';
import { checkTableNameFirst } from './misc.ts';
import { validateShape, type Fields } from './schema.ts';
import { INDEX_NAME, KEY_SCHEMA, PROJECTION, STREAM_SPEC, TABLE_NAME, THROUGHPUT } from './shapes.ts';

type Throughput = { ReadCapacityUnits: number; WriteCapacityUnits: number };

export interface UpdateTableInput {
  TableName: string;
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: Throughput;
  GlobalSecondaryIndexUpdates?: Array<{
    Create?: IndexSpec;
    Update?: { IndexName: string; ProvisionedThroughput: Throughput };
    Delete?: { IndexName: string };
  }>;
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  ReplicaUpdates?: Array<{ Create?: { RegionName: string }; Update?: { RegionName: string }; Delete?: { RegionName: string } }>;
  DeletionProtectionEnabled?: boolean;
  TableClass?: string;
}

const INVALID = 'One or more parameter values were invalid: ';

export const fields: Fields = {
  TableName: TABLE_NAME,
  AttributeDefinitions: {
    type: 'List',
    member: {
      type: 'Struct',
      name: 'AttributeDefinition',
      fields: {
        AttributeName: { type: 'String', notNull: true, minLen: 1, maxLen: 255 },
        AttributeType: { type: 'String', notNull: true, enum: ['B', 'N', 'S'] },
      },
    },
  },
  BillingMode: { type: 'String', enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
  ProvisionedThroughput: THROUGHPUT,
  GlobalSecondaryIndexUpdates: {
    type: 'List',
    member: {
      type: 'Struct',
      name: 'GlobalSecondaryIndexUpdate',
      fields: {
        Create: {
          type: 'Struct',
          name: 'CreateGlobalSecondaryIndexAction',
          fields: { IndexName: { ...INDEX_NAME, notNull: true }, KeySchema: KEY_SCHEMA, Projection: PROJECTION, ProvisionedThroughput: THROUGHPUT },
        },
        Update: {
          type: 'Struct',
          name: 'UpdateGlobalSecondaryIndexAction',
          fields: { IndexName: { ...INDEX_NAME, notNull: true }, ProvisionedThroughput: { ...THROUGHPUT, notNull: true } },
        },
        Delete: {
          type: 'Struct',
          name: 'DeleteGlobalSecondaryIndexAction',
          fields: { IndexName: { ...INDEX_NAME, notNull: true } },
        },
      },
    },
  },
  StreamSpecification: STREAM_SPEC,
  ReplicaUpdates: {
    type: 'List',
    minLen: 1,
    member: {
      type: 'Struct',
      name: 'ReplicationGroupUpdate',
      fields: {
        Create: { type: 'Struct', name: 'CreateReplicationGroupMemberAction', fields: { RegionName: { type: 'String', notNull: true } } },
        Update: { type: 'Struct', name: 'UpdateReplicationGroupMemberAction', fields: { RegionName: { type: 'String', notNull: true } } },
        Delete: { type: 'Struct', name: 'DeleteReplicationGroupMemberAction', fields: { RegionName: { type: 'String', notNull: true } } },
      },
    },
  },
  DeletionProtectionEnabled: { type: 'Boolean' },
  TableClass: { type: 'String', enum: ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] },
};

function custom(d: UpdateTableInput): string | undefined {
  if (
    !d.ProvisionedThroughput &&
    !d.BillingMode &&
    !d.StreamSpecification &&
    !d.GlobalSecondaryIndexUpdates?.length &&
    !d.ReplicaUpdates &&
    d.DeletionProtectionEnabled === undefined &&
    !d.TableClass
  ) {
    return 'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required';
  }
  if (d.BillingMode === 'PROVISIONED' && !d.ProvisionedThroughput) {
    return `${INVALID}ProvisionedThroughput must be specified when BillingMode is PROVISIONED`;
  }
  if (d.ProvisionedThroughput) {
    const msg = checkThroughput(d.ProvisionedThroughput);
    if (msg) return msg;
  }
  const names = new Set<string>();
  for (const u of d.GlobalSecondaryIndexUpdates ?? []) {
    if (!u.Create && !u.Update && !u.Delete) {
      return `${INVALID}One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null`;
    }
    const name = (u.Create ?? u.Update ?? u.Delete)!.IndexName;
    if (names.has(name)) return `${INVALID}Only one global secondary index update per index is allowed simultaneously. Index: ${name}`;
    names.add(name);
  }
  if (d.StreamSpecification?.StreamEnabled && !d.StreamSpecification.StreamViewType) {
    return 'StreamSpecification.StreamViewType must be specified when StreamSpecification.StreamEnabled is true';
  }
  return undefined;
}

export function validate(body: Record<string, unknown>): UpdateTableInput {
  const data = validateShape<UpdateTableInput>(body, fields, checkTableNameFirst);
  const msg = custom(data);
  if (msg) throw validation(msg);
  return data;
}
