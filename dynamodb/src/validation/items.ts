// Field shapes shared by the item operations' validations.

import type { AttributeValue, Item, Key } from '../types.ts';
import type { LegacyCondition } from '../actions/legacy.ts';
import type { CapacityMode } from '../capacity.ts';
import { ATTR_NAMES, ATTR_VALUES, CONDITIONS, EXPECTED, RETURN_CONSUMED, RETURN_METRICS, type Fields } from './schema.ts';

export interface WriteCommon {
  TableName: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  Expected?: Record<string, LegacyCondition>;
  ConditionalOperator?: 'AND' | 'OR';
  ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
  ReturnConsumedCapacity?: CapacityMode;
  ReturnItemCollectionMetrics?: 'SIZE' | 'NONE';
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export interface PutItemInput extends WriteCommon {
  Item: Item;
}
export interface DeleteItemInput extends WriteCommon {
  Key: Key;
}
export interface UpdateItemInput extends WriteCommon {
  Key: Key;
  UpdateExpression?: string;
  AttributeUpdates?: Record<string, { Action?: string; Value?: AttributeValue }>;
}
export interface GetItemInput {
  TableName: string;
  Key: Key;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  AttributesToGet?: string[];
  ExpressionAttributeNames?: Record<string, string>;
  ReturnConsumedCapacity?: CapacityMode;
}

export const CONDITIONAL_OPERATOR = { type: 'String', enum: ['AND', 'OR'] } as const;

export const WRITE_COMMON: Fields = {
  ConditionExpression: { type: 'String' },
  ExpressionAttributeNames: ATTR_NAMES,
  ExpressionAttributeValues: ATTR_VALUES,
  Expected: EXPECTED,
  ConditionalOperator: CONDITIONAL_OPERATOR,
  ReturnConsumedCapacity: RETURN_CONSUMED,
  ReturnItemCollectionMetrics: RETURN_METRICS,
  ReturnValuesOnConditionCheckFailure: { type: 'String', enum: ['ALL_OLD', 'NONE'] },
};

export { CONDITIONS };
