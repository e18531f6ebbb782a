// One INSERT/UPDATE/DELETE run as a single-item write (../actions/runWrite.ts: throttling,
// transaction holds, capacity, ReturnValues), shared by ExecuteStatement and
// BatchExecuteStatement. An INSERT whose key exists fails its attribute_not_exists check; DynamoDB
// reports that as DuplicateItemException, not ConditionalCheckFailedException.

import type { CapacityMode, Consumed } from '../capacity.ts';
import { DynamoError } from '../errors.ts';
import type { OpContext } from '../actions/context.ts';
import { runWrite } from '../actions/runWrite.ts';
import { duplicateItem } from './errors.ts';
import type { DeleteStatement, InsertStatement, UpdateStatement } from './parser.ts';
import { prepareStatementWrite } from './writes.ts';

export interface WriteOptions {
  ReturnConsumedCapacity?: CapacityMode;
  ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export function runStatementWrite(
  s: InsertStatement | UpdateStatement | DeleteStatement,
  o: WriteOptions,
  ctx: OpContext,
  consumed: Consumed,
): Record<string, unknown> {
  const p = prepareStatementWrite(s, ctx, o.ReturnValuesOnConditionCheckFailure === 'ALL_OLD');
  const ReturnValues = s.kind === 'insert' ? 'NONE' : s.returning;
  try {
    return runWrite(p, { TableName: s.table, ReturnValues, ReturnConsumedCapacity: o.ReturnConsumedCapacity }, ctx, consumed);
  } catch (err) {
    if (s.kind === 'insert' && err instanceof DynamoError && err.type === 'ConditionalCheckFailedException') throw duplicateItem();
    throw err;
  }
}
