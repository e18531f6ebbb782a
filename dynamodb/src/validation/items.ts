// Request types of the item operations (PutItem, UpdateItem, DeleteItem, GetItem).

import type { AttributeValue, Item, Key } from '../types.ts';
import type { LegacyCondition } from '../actions/legacy.ts';
import type { CapacityMode } from '../capacity.ts';

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
