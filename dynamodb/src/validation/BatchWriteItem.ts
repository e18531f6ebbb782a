// BatchWriteItem request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html

import { TABLE_KEYS, type BatchWriteInput } from './batch.ts';
import { ITEM, KEY, RETURN_CONSUMED, RETURN_METRICS, validateShape } from './schema.ts';

export function validateBatchWrite(body: Record<string, unknown>): BatchWriteInput {
  return validateShape<BatchWriteInput>(body, {
    RequestItems: {
      type: 'Map',
      notNull: true,
      minLen: 1,
      keys: TABLE_KEYS,
      values: { minLen: 1, maxLen: 25 },
      value: {
        type: 'List',
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
