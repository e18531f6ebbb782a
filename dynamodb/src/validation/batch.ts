// BatchGetItem / BatchWriteItem request shapes:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html

import type { CapacityMode } from '../capacity.ts';
import type { Item, Key } from '../types.ts';
import { ATTR_NAMES, ATTRIBUTES_TO_GET, ITEM, KEY, RETURN_CONSUMED, RETURN_METRICS, validateShape } from './schema.ts';

const TABLE_KEYS = { minLen: 3, maxLen: 255, regex: '[a-zA-Z0-9_.-]+' };

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

export function validateBatchGet(body: Record<string, unknown>): BatchGetInput {
  return validateShape<BatchGetInput>(body, {
    RequestItems: {
      type: 'Map',
      notNull: true,
      minLen: 1,
      keys: TABLE_KEYS,
      value: {
        type: 'Struct',
        name: 'KeysAndAttributes',
        fields: {
          Keys: { type: 'List', notNull: true, minLen: 1, maxLen: 100, member: KEY },
          ConsistentRead: { type: 'Boolean' },
          ProjectionExpression: { type: 'String' },
          ExpressionAttributeNames: ATTR_NAMES,
          AttributesToGet: { ...ATTRIBUTES_TO_GET, maxLen: 255 },
        },
      },
    },
    ReturnConsumedCapacity: RETURN_CONSUMED,
  });
}

export function validateBatchWrite(body: Record<string, unknown>): BatchWriteInput {
  return validateShape<BatchWriteInput>(body, {
    RequestItems: {
      type: 'Map',
      notNull: true,
      minLen: 1,
      keys: TABLE_KEYS,
      value: {
        type: 'List',
        minLen: 1,
        maxLen: 25,
        member: {
          type: 'Struct',
          name: 'WriteRequest',
          fields: {
            PutRequest: { type: 'Struct', name: 'PutRequest', fields: { Item: { ...ITEM, notNull: true } } },
            DeleteRequest: { type: 'Struct', name: 'DeleteRequest', fields: { Key: { ...KEY, notNull: true } } },
          },
        },
      },
    },
    ReturnConsumedCapacity: RETURN_CONSUMED,
    ReturnItemCollectionMetrics: RETURN_METRICS,
  });
}
