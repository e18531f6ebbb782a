// ExecuteTransaction request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html

import type { CapacityMode } from '../capacity.ts';
import type { AttributeValue } from '../types.ts';
import { checkParameters, PARAMETERS, STATEMENT } from './ExecuteStatement.ts';
import { validateShape, type Fields } from './schema.ts';
import { RETURN_CONSUMED, RETURN_ON_FAILURE } from './shapes.ts';

export interface ParameterizedStatement {
  Statement: string;
  Parameters?: AttributeValue[];
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export interface ExecuteTransactionInput {
  TransactStatements: ParameterizedStatement[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: CapacityMode;
}

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  TransactStatements: {
    type: 'List',
    notNull: true,
    minLen: 1,
    maxLen: 100,
    member: {
      type: 'Struct',
      name: 'ParameterizedStatement',
      fields: { Statement: STATEMENT, Parameters: PARAMETERS, ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE },
    },
  },
  ClientRequestToken: { type: 'String', minLen: 1, maxLen: 36 },
  ReturnConsumedCapacity: RETURN_CONSUMED,
};

export function validateExecuteTransaction(body: Record<string, unknown>): ExecuteTransactionInput {
  const d = validateShape<ExecuteTransactionInput>(body, FIELDS);
  for (const s of d.TransactStatements) checkParameters(s.Parameters);
  return d;
}
