// Request shapes of Query and Scan:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html

import { validation } from '../errors.ts';
import type { LegacyCondition } from '../actions/legacy.ts';
import type { CapacityMode } from '../capacity.ts';
import type { AttributeValue, Key } from '../types.ts';
import {
  ATTR_NAMES,
  ATTR_VALUES,
  ATTRIBUTES_TO_GET,
  CONDITIONS,
  INDEX_NAME,
  KEY,
  RETURN_CONSUMED,
  TABLE_NAME,
  validateShape,
  type Fields,
} from './schema.ts';

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

export interface ReadInput {
  TableName: string;
  IndexName?: string;
  Select?: Select;
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: Key;
  ProjectionExpression?: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ReturnConsumedCapacity?: CapacityMode;
  AttributesToGet?: string[];
  ConditionalOperator?: 'AND' | 'OR';
}

export interface QueryInput extends ReadInput {
  KeyConditionExpression?: string;
  ScanIndexForward?: boolean;
  KeyConditions?: Record<string, LegacyCondition>;
  QueryFilter?: Record<string, LegacyCondition>;
}

export interface ScanInput extends ReadInput {
  Segment?: number;
  TotalSegments?: number;
  ScanFilter?: Record<string, LegacyCondition>;
}

const READ_FIELDS: Fields = {
  TableName: TABLE_NAME,
  IndexName: INDEX_NAME,
  Select: { type: 'String', enum: ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'] },
  Limit: { type: 'Integer', min: 1 },
  ConsistentRead: { type: 'Boolean' },
  ExclusiveStartKey: KEY,
  ProjectionExpression: { type: 'String' },
  FilterExpression: { type: 'String' },
  ExpressionAttributeNames: ATTR_NAMES,
  ExpressionAttributeValues: ATTR_VALUES,
  ReturnConsumedCapacity: RETURN_CONSUMED,
  AttributesToGet: ATTRIBUTES_TO_GET,
  ConditionalOperator: { type: 'String', enum: ['AND', 'OR'] },
};

export function validateQuery(body: Record<string, unknown>): QueryInput {
  return validateShape<QueryInput>(body, {
    ...READ_FIELDS,
    KeyConditionExpression: { type: 'String' },
    ScanIndexForward: { type: 'Boolean' },
    KeyConditions: CONDITIONS,
    QueryFilter: CONDITIONS,
  });
}

export function validateScan(body: Record<string, unknown>): ScanInput {
  const d = validateShape<ScanInput>(body, {
    ...READ_FIELDS,
    Segment: { type: 'Integer', min: 0, max: 999999 },
    TotalSegments: { type: 'Integer', min: 1, max: 1000000 },
    ScanFilter: CONDITIONS,
  });
  if (d.Segment !== undefined && d.TotalSegments === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (d.TotalSegments !== undefined) {
    if (d.Segment === undefined) {
      throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
    }
    if (d.Segment >= d.TotalSegments) {
      throw validation(
        `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${d.Segment} is not less than TotalSegments: ${d.TotalSegments}`,
      );
    }
  }
  return d;
}
