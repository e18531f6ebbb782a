// CreateTable request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html

import { validation } from '../errors.ts';
import type { AttributeDefinition, BillingMode, KeySchema } from '../types.ts';
import { checkGlobalIndex, checkKeySchema, checkLocalIndex, type IndexSpec } from './indexes.ts';
import { checkTableNameFirst } from './misc.ts';
import { validateShape, type Fields } from './schema.ts';
import { INDEX_NAME, KEY_SCHEMA, PROJECTION, STREAM_SPEC, TABLE_NAME, TAGS, THROUGHPUT } from './shapes.ts';

export interface CreateTableInput {
  TableName: string;
  AttributeDefinitions: AttributeDefinition[];
  KeySchema: KeySchema;
  BillingMode?: BillingMode;
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  LocalSecondaryIndexes?: IndexSpec[];
  GlobalSecondaryIndexes?: IndexSpec[];
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  Tags?: Array<{ Key: string; Value: string }>;
  DeletionProtectionEnabled?: boolean;
  TableClass?: string;
}

const INVALID = 'One or more parameter values were invalid: ';

const indexFields = (global: boolean): Fields => ({
  IndexName: { ...INDEX_NAME, notNull: true },
  KeySchema: KEY_SCHEMA,
  Projection: PROJECTION,
  ...(global ? { ProvisionedThroughput: THROUGHPUT } : {}),
});

// Field order decides the order of listed errors; it follows DynamoDB's.
export const fields: Fields = {
  AttributeDefinitions: {
    type: 'List',
    notNull: true,
    member: {
      type: 'Struct',
      name: 'AttributeDefinition',
      fields: {
        AttributeName: { type: 'String', notNull: true, minLen: 1, maxLen: 255 },
        AttributeType: { type: 'String', notNull: true, enum: ['B', 'N', 'S'] },
      },
    },
  },
  TableName: TABLE_NAME,
  BillingMode: { type: 'String', enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
  ProvisionedThroughput: THROUGHPUT,
  KeySchema: KEY_SCHEMA,
  LocalSecondaryIndexes: { type: 'List', member: { type: 'Struct', name: 'LocalSecondaryIndex', fields: indexFields(false) } },
  GlobalSecondaryIndexes: { type: 'List', member: { type: 'Struct', name: 'GlobalSecondaryIndex', fields: indexFields(true) } },
  StreamSpecification: STREAM_SPEC,
  Tags: TAGS,
  DeletionProtectionEnabled: { type: 'Boolean' },
  TableClass: { type: 'String', enum: ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] },
};

/** Throughput rules shared with UpdateTable. */
export function checkThroughput(t: { ReadCapacityUnits: number; WriteCapacityUnits: number }): string | undefined {
  if (t.ReadCapacityUnits > 1e12) return `Given value ${t.ReadCapacityUnits} for ReadCapacityUnits is out of bounds`;
  if (t.WriteCapacityUnits > 1e12) return `Given value ${t.WriteCapacityUnits} for WriteCapacityUnits is out of bounds`;
  return undefined;
}

function custom(d: CreateTableInput): string | undefined {
  const payPerRequest = d.BillingMode === 'PAY_PER_REQUEST';
  if (payPerRequest && d.ProvisionedThroughput) {
    return `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`;
  }
  if (!payPerRequest) {
    if (!d.ProvisionedThroughput) return `${INVALID}ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`;
    const msg = checkThroughput(d.ProvisionedThroughput);
    if (msg) return msg;
  }
  const defs = d.AttributeDefinitions;
  const names = defs.map((a) => a.AttributeName);
  if (new Set(names).size !== names.length) return `${INVALID}Duplicate AttributeName in AttributeDefinitions`;
  const keys = d.KeySchema.map((k) => k.AttributeName);
  if (keys.length > names.length) return 'Invalid KeySchema: Some index key attribute have no definition';
  const msg = checkKeySchema(d.KeySchema, defs);
  if (msg) return msg;
  if (d.StreamSpecification?.StreamEnabled && !d.StreamSpecification.StreamViewType) {
    return 'StreamSpecification.StreamViewType must be specified when StreamSpecification.StreamEnabled is true';
  }
  const seen = new Set<string>();
  const used = new Set(keys);
  if (d.LocalSecondaryIndexes) {
    if (!d.LocalSecondaryIndexes.length) return `${INVALID}List of indexes is empty`;
    if (d.KeySchema.length !== 2) {
      return `${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`;
    }
    for (const index of d.LocalSecondaryIndexes) {
      const m = checkLocalIndex(index, defs, keys[0]!);
      if (m) return m;
      if (seen.has(index.IndexName)) return `${INVALID}Duplicate index name: ${index.IndexName}`;
      seen.add(index.IndexName);
      index.KeySchema.forEach((k) => used.add(k.AttributeName));
    }
    if (d.LocalSecondaryIndexes.length > 5) return `${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of 5`;
  }
  if (d.GlobalSecondaryIndexes) {
    if (!d.GlobalSecondaryIndexes.length) return `${INVALID}List of GlobalSecondaryIndexes is empty`;
    for (const index of d.GlobalSecondaryIndexes) {
      const m = checkGlobalIndex(index, defs, payPerRequest);
      if (m) return m;
      if (seen.has(index.IndexName)) return `${INVALID}Duplicate index name: ${index.IndexName}`;
      seen.add(index.IndexName);
      index.KeySchema.forEach((k) => used.add(k.AttributeName));
    }
    if (d.GlobalSecondaryIndexes.length > 20) {
      return `${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of 20`;
    }
  }
  if (used.size !== names.length) {
    return `${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`;
  }
  return undefined;
}

export function validate(body: Record<string, unknown>): CreateTableInput {
  const data = validateShape<CreateTableInput>(body, fields, checkTableNameFirst);
  const msg = custom(data);
  if (msg) throw validation(msg);
  return data;
}
