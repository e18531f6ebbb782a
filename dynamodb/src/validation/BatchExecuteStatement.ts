// BatchExecuteStatement request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html

import type { CapacityMode } from '../capacity.ts';
import type { AttributeValue } from '../types.ts';
import { checkParameters, PARAMETERS, STATEMENT } from './ExecuteStatement.ts';
import { validateShape, type Fields } from './schema.ts';
import { RETURN_CONSUMED, RETURN_ON_FAILURE } from './shapes.ts';

export interface BatchStatementRequest {
  Statement: string;
  Parameters?: AttributeValue[];
  ConsistentRead?: boolean;
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export interface BatchExecuteStatementInput {
  Statements: BatchStatementRequest[];
  ReturnConsumedCapacity?: CapacityMode;
}

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  Statements: {
    type: 'List',
    notNull: true,
    minLen: 1,
    maxLen: 25,
    member: {
      type: 'Struct',
      name: 'BatchStatementRequest',
      fields: {
        Statement: STATEMENT,
        Parameters: PARAMETERS,
        ConsistentRead: { type: 'Boolean' },
        ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE,
      },
    },
  },
  ReturnConsumedCapacity: RETURN_CONSUMED,
};

export function validateBatchExecuteStatement(body: Record<string, unknown>): BatchExecuteStatementInput {
  const d = validateShape<BatchExecuteStatementInput>(body, FIELDS);
  for (const s of d.Statements) checkParameters(s.Parameters);
  return d;
}
