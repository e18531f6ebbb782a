// UpdateItem request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html

import type { UpdateItemInput } from './items.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTR_VALUES, CONDITIONAL_OPERATOR, EXPECTED, KEY, RETURN_CONSUMED, RETURN_METRICS, RETURN_ON_FAILURE, RETURN_VALUES, TABLE_NAME } from './shapes.ts';
import { checkAttributeUpdates, checkExpected, checkExpressionParams, checkValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  ReturnConsumedCapacity: RETURN_CONSUMED,
  TableName: TABLE_NAME,
  ReturnItemCollectionMetrics: RETURN_METRICS,
  ReturnValues: RETURN_VALUES,
  Key: { ...KEY, notNull: true },
  ConditionalOperator: CONDITIONAL_OPERATOR,
  Expected: EXPECTED,
  AttributeUpdates: {
    type: 'Map',
    value: {
      type: 'Struct',
      name: 'AttributeValueUpdate',
      fields: { Action: { type: 'String', enum: ['ADD', 'PUT', 'DELETE'] }, Value: { type: 'AttrValue' } },
    },
  },
  ConditionExpression: { type: 'String' },
  UpdateExpression: { type: 'String' },
  ExpressionAttributeValues: ATTR_VALUES,
  ExpressionAttributeNames: ATTR_NAMES,
  ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE,
};

export function validate(body: Record<string, unknown>): UpdateItemInput {
  const d = validateShape<UpdateItemInput>(body, FIELDS);
  checkExpressionParams(d, ['UpdateExpression', 'ConditionExpression'], ['AttributeUpdates', 'Expected']);
  checkValues(d.Key);
  checkAttributeUpdates(d.AttributeUpdates);
  checkExpected(d.Expected);
  return d;
}
