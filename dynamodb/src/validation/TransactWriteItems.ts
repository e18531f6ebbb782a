// TransactWriteItems request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html

import type { CapacityMode } from '../capacity.ts';
import type { DeleteItemInput, PutItemInput, UpdateItemInput } from './items.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTR_VALUES, ITEM, KEY, RETURN_CONSUMED, RETURN_METRICS, RETURN_ON_FAILURE, TABLE_NAME } from './shapes.ts';
import { checkValues } from './values.ts';

export interface TransactWriteInput {
  TransactItems: Array<{
    ConditionCheck?: DeleteItemInput & { ConditionExpression: string };
    Put?: PutItemInput;
    Delete?: DeleteItemInput;
    Update?: UpdateItemInput & { UpdateExpression: string };
  }>;
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: CapacityMode;
  ReturnItemCollectionMetrics?: string;
}

const COMMON: Fields = {
  TableName: TABLE_NAME,
  ConditionExpression: { type: 'String' },
  ExpressionAttributeNames: ATTR_NAMES,
  ExpressionAttributeValues: ATTR_VALUES,
  ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE,
};

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  TransactItems: {
    type: 'List',
    notNull: true,
    minLen: 1,
    maxLen: 100,
    member: {
      type: 'Struct',
      name: 'TransactWriteItem',
      fields: {
        ConditionCheck: { type: 'Struct', name: 'ConditionCheck', fields: { ...COMMON, Key: { ...KEY, notNull: true }, ConditionExpression: { type: 'String', notNull: true } } },
        Put: { type: 'Struct', name: 'Put', fields: { ...COMMON, Item: { ...ITEM, notNull: true } } },
        Delete: { type: 'Struct', name: 'Delete', fields: { ...COMMON, Key: { ...KEY, notNull: true } } },
        Update: { type: 'Struct', name: 'Update', fields: { ...COMMON, Key: { ...KEY, notNull: true }, UpdateExpression: { type: 'String', notNull: true } } },
      },
    },
  },
  ClientRequestToken: { type: 'String', minLen: 1, maxLen: 36 },
  ReturnConsumedCapacity: RETURN_CONSUMED,
  ReturnItemCollectionMetrics: RETURN_METRICS,
};

export function validateTransactWrite(body: Record<string, unknown>): TransactWriteInput {
  const d = validateShape<TransactWriteInput>(body, FIELDS);
  // Malformed values are a top-level ValidationException, not a cancellation reason.
  for (const t of d.TransactItems) {
    checkValues(t.Put?.Item);
    checkValues((t.ConditionCheck ?? t.Delete ?? t.Update)?.Key);
  }
  return d;
}
