// BatchWriteItem request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html

import { itemSize } from '../capacity.ts';
import { validation } from '../errors.ts';
import { TABLE_KEYS, type BatchWriteInput } from './batch.ts';
import { validateShape, type Fields } from './schema.ts';
import { ITEM, KEY, RETURN_CONSUMED, RETURN_METRICS } from './shapes.ts';
import { checkValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  ReturnConsumedCapacity: RETURN_CONSUMED,
  ReturnItemCollectionMetrics: RETURN_METRICS,
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
          DeleteRequest: { type: 'Struct', name: 'DeleteRequest', fields: { Key: { ...KEY, notNull: true } } },
          PutRequest: { type: 'Struct', name: 'PutRequest', fields: { Item: { ...ITEM, notNull: true } } },
        },
      },
    },
  },
};

export function validateBatchWrite(body: Record<string, unknown>, server?: { maxItemBytes: number }): BatchWriteInput {
  const d = validateShape<BatchWriteInput>(body, FIELDS);
  let total = 0;
  for (const requests of Object.values(d.RequestItems)) {
    for (const req of requests) {
      // DynamoDB words an empty (or doubled) WriteRequest like a bad AttributeValue.
      if (!!req.PutRequest === !!req.DeleteRequest) {
        throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      }
      if (req.PutRequest) {
        checkValues(req.PutRequest.Item);
        if (itemSize(req.PutRequest.Item) > (server?.maxItemBytes ?? 400 * 1024)) throw validation('Item size has exceeded the maximum allowed size');
      } else {
        checkValues(req.DeleteRequest!.Key);
      }
      if (++total > 25) throw validation('Too many items requested for the BatchWriteItem call');
    }
  }
  return d;
}
