// GetItem request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html

import type { GetItemInput } from './items.ts';
import { ATTR_NAMES, ATTRIBUTES_TO_GET, KEY, RETURN_CONSUMED, TABLE_NAME, validateShape } from './schema.ts';

export function validate(body: Record<string, unknown>): GetItemInput {
  return validateShape<GetItemInput>(body, {
    TableName: TABLE_NAME,
    Key: { ...KEY, notNull: true },
    ConsistentRead: { type: 'Boolean' },
    ProjectionExpression: { type: 'String' },
    AttributesToGet: { ...ATTRIBUTES_TO_GET, maxLen: 255 },
    ExpressionAttributeNames: ATTR_NAMES,
    ReturnConsumedCapacity: RETURN_CONSUMED,
  });
}
