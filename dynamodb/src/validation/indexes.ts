// Key schema and index checks shared by CreateTable and UpdateTable, with the messages
// DynamoDB answers (recorded verbatim in dynalite's validations/createTable.js).

import type { AttributeDefinition, IndexProjection, KeySchema } from '../types.ts';

const INVALID = 'One or more parameter values were invalid: ';

export interface IndexSpec {
  IndexName: string;
  KeySchema: KeySchema;
  Projection: IndexProjection;
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

/** Checks one key schema (table or index) against the attribute definitions. */
export function checkKeySchema(schema: KeySchema, defs: AttributeDefinition[]): string | undefined {
  const names = defs.map((d) => d.AttributeName);
  const keys = schema.map((k) => k.AttributeName);
  if (keys.some((k) => !names.includes(k))) {
    return `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.join(', ')}], AttributeDefinitions: [${names.join(', ')}]`;
  }
  if (keys.length === 2 && keys[0] === keys[1]) return 'Both the Hash Key and the Range Key element in the KeySchema have the same name';
  if (schema[0]!.KeyType !== 'HASH') return 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type';
  if (schema[1] && schema[1].KeyType !== 'RANGE') return 'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type';
  return undefined;
}

export function checkProjection(p: IndexProjection): string | undefined {
  if (!p.ProjectionType) return `${INVALID}Unknown ProjectionType: null`;
  if (p.NonKeyAttributes && p.ProjectionType !== 'INCLUDE') {
    return `${INVALID}ProjectionType is ${p.ProjectionType}, but NonKeyAttributes is specified`;
  }
  return undefined;
}

/** Checks a GSI definition (at creation or in UpdateTable's Create). */
export function checkGlobalIndex(index: IndexSpec, defs: AttributeDefinition[], payPerRequest: boolean): string | undefined {
  const msg = checkKeySchema(index.KeySchema, defs) ?? checkProjection(index.Projection);
  if (msg) return msg;
  if (payPerRequest && index.ProvisionedThroughput) {
    return `${INVALID}ProvisionedThroughput should not be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`;
  }
  if (!payPerRequest && !index.ProvisionedThroughput) {
    return `${INVALID}ProvisionedThroughput must be specified for index: ${index.IndexName}`;
  }
  return undefined;
}

export function checkLocalIndex(index: IndexSpec, defs: AttributeDefinition[], tableHash: string): string | undefined {
  const msg = checkKeySchema(index.KeySchema, defs);
  if (msg) return msg;
  if (index.KeySchema.length !== 2) return `${INVALID}Index KeySchema does not have a range key for index: ${index.IndexName}`;
  const hash = index.KeySchema[0]!.AttributeName;
  if (hash !== tableHash) {
    return `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index.IndexName}. index hash key: ${hash}, table hash key: ${tableHash}`;
  }
  return checkProjection(index.Projection);
}
