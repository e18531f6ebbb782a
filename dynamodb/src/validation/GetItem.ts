// GetItem request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html

import type { GetItemInput } from './items.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTRIBUTES_TO_GET, KEY, RETURN_CONSUMED, TABLE_NAME } from './shapes.ts';
import { checkExpressionParams, checkNoDuplicates, checkValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  ReturnConsumedCapacity: RETURN_CONSUMED,
  AttributesToGet: { ...ATTRIBUTES_TO_GET, maxLen: 255 },
  TableName: TABLE_NAME,
  Key: { ...KEY, notNull: true },
  ConsistentRead: { type: 'Boolean' },
  ProjectionExpression: { type: 'String' },
  ExpressionAttributeNames: ATTR_NAMES,
};

export function validate(body: Record<string, unknown>): GetItemInput {
  const d = validateShape<GetItemInput>(body, FIELDS);
  checkExpressionParams(d, ['ProjectionExpression'], ['AttributesToGet']);
  checkValues(d.Key);
  checkNoDuplicates(d.AttributesToGet);
  return d;
}
