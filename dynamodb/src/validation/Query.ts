// Query request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html

import { READ_FIELDS, type QueryInput } from './reads.ts';
import { CONDITIONS, validateShape } from './schema.ts';

export function validateQuery(body: Record<string, unknown>): QueryInput {
  return validateShape<QueryInput>(body, {
    ...READ_FIELDS,
    KeyConditionExpression: { type: 'String' },
    ScanIndexForward: { type: 'Boolean' },
    KeyConditions: CONDITIONS,
    QueryFilter: CONDITIONS,
  });
}
