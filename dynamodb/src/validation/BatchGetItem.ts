// BatchGetItem request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html

import { validation } from '../errors.ts';
import { TABLE_KEYS, type BatchGetInput } from './batch.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTRIBUTES_TO_GET, KEY, RETURN_CONSUMED } from './shapes.ts';
import { checkExpressionParams, checkNoDuplicates, checkValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  ReturnConsumedCapacity: RETURN_CONSUMED,
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
        AttributesToGet: { ...ATTRIBUTES_TO_GET, maxLen: 255 },
        ConsistentRead: { type: 'Boolean' },
        ProjectionExpression: { type: 'String' },
        ExpressionAttributeNames: ATTR_NAMES,
      },
    },
  },
};

export function validateBatchGet(body: Record<string, unknown>): BatchGetInput {
  const d = validateShape<BatchGetInput>(body, FIELDS);
  let total = 0;
  for (const spec of Object.values(d.RequestItems)) {
    checkExpressionParams(spec, ['ProjectionExpression'], ['AttributesToGet']);
    checkNoDuplicates(spec.AttributesToGet);
    const seen = new Set<string>();
    for (const key of spec.Keys) {
      checkValues(key);
      const id = JSON.stringify(Object.keys(key).sort().map((k) => [k, key[k]]));
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      if (++total > 100) throw validation('Too many items requested for the BatchGetItem call');
    }
  }
  return d;
}
