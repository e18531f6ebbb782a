// Fields and types shared by the Query and Scan validations (Query.ts, Scan.ts).

import type { LegacyCondition } from '../actions/legacy.ts';
import type { CapacityMode } from '../capacity.ts';
import type { AttributeValue, Key } from '../types.ts';
import {
  ATTR_NAMES,
  ATTR_VALUES,
  ATTRIBUTES_TO_GET,
  INDEX_NAME,
  KEY,
  RETURN_CONSUMED,
  TABLE_NAME,
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

export const READ_FIELDS: Fields = {
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
