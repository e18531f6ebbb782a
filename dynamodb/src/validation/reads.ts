// Request types shared by the Query and Scan validations (Query.ts, Scan.ts) and actions.

import type { LegacyCondition } from '../actions/legacy.ts';
import type { CapacityMode } from '../capacity.ts';
import type { AttributeValue, Key } from '../types.ts';

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
