// Types and field rules shared by the BatchGetItem and BatchWriteItem validations.

import type { CapacityMode } from '../capacity.ts';
import type { Item, Key } from '../types.ts';

export const TABLE_KEYS = { minLen: 3, maxLen: 255, regex: '[a-zA-Z0-9_.-]+' };

export interface KeysAndAttributes {
  Keys: Key[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  AttributesToGet?: string[];
}

export interface BatchGetInput {
  RequestItems: Record<string, KeysAndAttributes>;
  ReturnConsumedCapacity?: CapacityMode;
}

export interface WriteRequest {
  PutRequest?: { Item: Item };
  DeleteRequest?: { Key: Key };
}

export interface BatchWriteInput {
  RequestItems: Record<string, WriteRequest[]>;
  ReturnConsumedCapacity?: CapacityMode;
  ReturnItemCollectionMetrics?: string;
}
