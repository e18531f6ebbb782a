// Query request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// Field order (which decides the order of listed errors) and check order follow DynamoDB's.

import { validation } from '../errors.ts';
import type { QueryInput } from './reads.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTR_VALUES, ATTRIBUTES_TO_GET, CONDITIONAL_OPERATOR, CONDITIONS, INDEX_NAME, KEY, KEY_CONDITIONS, RETURN_CONSUMED, SELECT, TABLE_NAME } from './shapes.ts';
import { checkConditions, checkExpressionParams, checkKeyConditions, checkNoDuplicates, checkStartKeyValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  Select: SELECT,
  IndexName: INDEX_NAME,
  ReturnConsumedCapacity: RETURN_CONSUMED,
  QueryFilter: CONDITIONS,
  TableName: TABLE_NAME,
  ConditionalOperator: CONDITIONAL_OPERATOR,
  AttributesToGet: ATTRIBUTES_TO_GET,
  Limit: { type: 'Integer', min: 1 },
  KeyConditions: KEY_CONDITIONS,
  ExclusiveStartKey: KEY,
  ConsistentRead: { type: 'Boolean' },
  ScanIndexForward: { type: 'Boolean' },
  KeyConditionExpression: { type: 'String' },
  FilterExpression: { type: 'String' },
  ProjectionExpression: { type: 'String' },
  ExpressionAttributeValues: ATTR_VALUES,
  ExpressionAttributeNames: ATTR_NAMES,
};

export function validateQuery(body: Record<string, unknown>): QueryInput {
  const d = validateShape<QueryInput>(body, FIELDS);
  checkExpressionParams(d, ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'], ['AttributesToGet', 'QueryFilter', 'ConditionalOperator', 'KeyConditions']);
  checkConditions(d.QueryFilter);
  checkNoDuplicates(d.AttributesToGet);
  checkStartKeyValues(d.ExclusiveStartKey);
  if (d.KeyConditions === undefined && d.KeyConditionExpression === undefined) {
    throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  checkKeyConditions(d.KeyConditions);
  return d;
}
