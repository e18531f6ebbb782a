// DeleteItem request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html

import { validation } from '../errors.ts';
import type { DeleteItemInput } from './items.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTR_VALUES, CONDITIONAL_OPERATOR, EXPECTED, KEY, RETURN_CONSUMED, RETURN_METRICS, RETURN_ON_FAILURE, RETURN_VALUES, TABLE_NAME } from './shapes.ts';
import { checkExpected, checkExpressionParams, checkValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  ReturnConsumedCapacity: RETURN_CONSUMED,
  TableName: TABLE_NAME,
  ReturnValues: RETURN_VALUES,
  ReturnItemCollectionMetrics: RETURN_METRICS,
  Key: { ...KEY, notNull: true },
  ConditionalOperator: CONDITIONAL_OPERATOR,
  Expected: EXPECTED,
  ConditionExpression: { type: 'String' },
  ExpressionAttributeValues: ATTR_VALUES,
  ExpressionAttributeNames: ATTR_NAMES,
  ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE,
};

export function validate(body: Record<string, unknown>): DeleteItemInput {
  const d = validateShape<DeleteItemInput>(body, FIELDS);
  checkExpressionParams(d, ['ConditionExpression'], ['Expected']);
  checkValues(d.Key);
  if (d.ReturnValues && d.ReturnValues !== 'ALL_OLD' && d.ReturnValues !== 'NONE') throw validation('ReturnValues can only be ALL_OLD or NONE');
  checkExpected(d.Expected);
  return d;
}
