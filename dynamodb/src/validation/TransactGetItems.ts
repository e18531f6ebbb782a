// TransactGetItems request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html

import type { CapacityMode } from '../capacity.ts';
import type { Key } from '../types.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, KEY, RETURN_CONSUMED, TABLE_NAME } from './shapes.ts';
import { checkValues } from './values.ts';

export interface TransactGetInput {
  TransactItems: Array<{ Get: { TableName: string; Key: Key; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } }>;
  ReturnConsumedCapacity?: CapacityMode;
}

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  TransactItems: {
    type: 'List',
    notNull: true,
    minLen: 1,
    maxLen: 100,
    member: {
      type: 'Struct',
      name: 'TransactGetItem',
      fields: {
        Get: {
          type: 'Struct',
          name: 'Get',
          notNull: true,
          fields: { TableName: TABLE_NAME, Key: { ...KEY, notNull: true }, ProjectionExpression: { type: 'String' }, ExpressionAttributeNames: ATTR_NAMES },
        },
      },
    },
  },
  ReturnConsumedCapacity: RETURN_CONSUMED,
};

export function validateTransactGet(body: Record<string, unknown>): TransactGetInput {
  const d = validateShape<TransactGetInput>(body, FIELDS);
  for (const t of d.TransactItems) checkValues(t.Get.Key);
  return d;
}
