// BatchGetItem request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html

import { TABLE_KEYS, type BatchGetInput } from './batch.ts';
import { ATTR_NAMES, ATTRIBUTES_TO_GET, KEY, RETURN_CONSUMED, validateShape } from './schema.ts';

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
