// ExecuteStatement request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html

import type { CapacityMode } from '../capacity.ts';
import type { AttributeValue } from '../types.ts';
import { validateShape, type Fields, type Shape } from './schema.ts';
import { RETURN_CONSUMED, RETURN_ON_FAILURE } from './shapes.ts';
import { checkValues } from './values.ts';

export interface ExecuteStatementInput {
  Statement: string;
  Parameters?: AttributeValue[];
  ConsistentRead?: boolean;
  NextToken?: string;
  Limit?: number;
  ReturnConsumedCapacity?: CapacityMode;
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export const STATEMENT: Shape = { type: 'String', notNull: true, minLen: 1, maxLen: 8192 };
export const PARAMETERS: Shape = { type: 'List', minLen: 1, member: { type: 'AttrValue' } };

// Field order decides the order of listed errors; one object for every request.
const FIELDS: Fields = {
  Statement: STATEMENT,
  Parameters: PARAMETERS,
  ConsistentRead: { type: 'Boolean' },
  NextToken: { type: 'String', minLen: 1, maxLen: 32768 },
  ReturnConsumedCapacity: RETURN_CONSUMED,
  Limit: { type: 'Integer', min: 1 },
  ReturnValuesOnConditionCheckFailure: RETURN_ON_FAILURE,
};

/** Parameter values are checked like item values (and their numbers canonicalised). */
export function checkParameters(params: AttributeValue[] | undefined): void {
  params?.forEach((v, i) => checkValues({ [i]: v }));
}

export function validateExecuteStatement(body: Record<string, unknown>): ExecuteStatementInput {
  const d = validateShape<ExecuteStatementInput>(body, FIELDS);
  checkParameters(d.Parameters);
  return d;
}
