// PutItem request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
// Field order (which decides the order of listed errors) and check order follow DynamoDB's.

import { itemSize } from '../capacity.ts';
import { validation } from '../errors.ts';
import type { PutItemInput } from './items.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTR_VALUES, CONDITIONAL_OPERATOR, EXPECTED, ITEM, RETURN_CONSUMED, RETURN_METRICS, RETURN_ON_FAILURE, RETURN_VALUES, TABLE_NAME } from './shapes.ts';
import { checkExpected, checkExpressionParams, checkValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  ReturnConsumedCapacity: RETURN_CONSUMED,
  TableName: TABLE_NAME,
  Item: { ...ITEM, notNull: true },
  ConditionalOperator: CONDITIONAL_OPERATOR,
  Expected: EXPECTED,
  ReturnValues: RETURN_VALUES,
  ReturnItemCollectionMetrics: RETURN_METRICS,
  ConditionExpression: { type: 'String' },
  ExpressionAttributeValues: ATTR_VALUES,
  ExpressionAttributeNames: ATTR_NAMES,
  ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE,
};

export function validate(body: Record<string, unknown>, server?: { maxItemBytes: number }): PutItemInput {
  const maxItemBytes = server?.maxItemBytes ?? 400 * 1024;
  const d = validateShape<PutItemInput>(body, FIELDS);
  checkExpressionParams(d, ['ConditionExpression'], ['Expected']);
  checkValues(d.Item);
  if (d.ReturnValues && d.ReturnValues !== 'ALL_OLD' && d.ReturnValues !== 'NONE') throw validation('ReturnValues can only be ALL_OLD or NONE');
  if (itemSize(d.Item) > maxItemBytes) throw validation('Item size has exceeded the maximum allowed size');
  checkExpected(d.Expected);
  return d;
}
