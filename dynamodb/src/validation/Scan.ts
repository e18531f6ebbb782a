// Scan request checks: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html

import { validation } from '../errors.ts';
import type { ScanInput } from './reads.ts';
import { validateShape, type Fields } from './schema.ts';
import { ATTR_NAMES, ATTR_VALUES, ATTRIBUTES_TO_GET, CONDITIONAL_OPERATOR, CONDITIONS, INDEX_NAME, KEY, RETURN_CONSUMED, SELECT, TABLE_NAME } from './shapes.ts';
import { checkConditions, checkExpressionParams, checkNoDuplicates, checkStartKeyValues } from './values.ts';

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  Select: SELECT,
  IndexName: INDEX_NAME,
  TotalSegments: { type: 'Integer', min: 1, max: 1000000 },
  ReturnConsumedCapacity: RETURN_CONSUMED,
  TableName: TABLE_NAME,
  ConditionalOperator: CONDITIONAL_OPERATOR,
  ScanFilter: CONDITIONS,
  Segment: { type: 'Integer', min: 0, max: 999999 },
  Limit: { type: 'Integer', min: 1 },
  AttributesToGet: ATTRIBUTES_TO_GET,
  ExclusiveStartKey: KEY,
  FilterExpression: { type: 'String' },
  ProjectionExpression: { type: 'String' },
  ExpressionAttributeValues: ATTR_VALUES,
  ExpressionAttributeNames: ATTR_NAMES,
  ConsistentRead: { type: 'Boolean' },
};

export function validateScan(body: Record<string, unknown>): ScanInput {
  const d = validateShape<ScanInput>(body, FIELDS);
  checkExpressionParams(d, ['ProjectionExpression', 'FilterExpression'], ['AttributesToGet', 'ScanFilter', 'ConditionalOperator']);
  checkNoDuplicates(d.AttributesToGet);
  checkConditions(d.ScanFilter);
  checkStartKeyValues(d.ExclusiveStartKey);
  if (d.Segment !== undefined && d.TotalSegments === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (d.TotalSegments !== undefined) {
    if (d.Segment === undefined) {
      throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
    }
    if (d.Segment >= d.TotalSegments) {
      throw validation(
        `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${d.Segment} is not less than TotalSegments: ${d.TotalSegments}`,
      );
    }
  }
  return d;
}
