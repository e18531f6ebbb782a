// ExecuteStatement: one PartiQL statement.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
// SELECT runs as a Query or Scan (partiql/select.ts); INSERT/UPDATE/DELETE run as one write
// through the PutItem/UpdateItem/DeleteItem path (runWrite), answering `Items: []`, or the
// RETURNING image.

import { Consumed } from '../capacity.ts';
import { DynamoError, validation } from '../errors.ts';
import { duplicateItem, EXISTS_OUTSIDE_TX } from '../partiql/errors.ts';
import { requestDigest } from '../partiql/paging.ts';
import { parseStatement } from '../partiql/parser.ts';
import { runSelect } from '../partiql/select.ts';
import { prepareStatementWrite } from '../partiql/writes.ts';
import type { ExecuteStatementInput } from '../validation/ExecuteStatement.ts';
import type { OpContext } from './context.ts';
import { runWrite } from './runWrite.ts';

export function executeStatement(d: ExecuteStatementInput, ctx: OpContext) {
  const s = parseStatement(d.Statement, d.Parameters);
  if (s.kind === 'select') {
    return runSelect(s, { ...d, digest: requestDigest(d.Statement, d.Parameters) }, ctx);
  }
  if (s.kind === 'exists') throw validation(EXISTS_OUTSIDE_TX);
  const p = prepareStatementWrite(s, ctx, d.ReturnValuesOnConditionCheckFailure === 'ALL_OLD');
  const returnValues = s.kind === 'insert' ? 'NONE' : s.returning;
  let out: Record<string, unknown>;
  try {
    out = runWrite(p, { TableName: s.table, ReturnValues: returnValues, ReturnConsumedCapacity: d.ReturnConsumedCapacity }, ctx, new Consumed(s.table, 'write'));
  } catch (err) {
    if (s.kind === 'insert' && err instanceof DynamoError && err.type === 'ConditionalCheckFailedException') throw duplicateItem();
    throw err;
  }
  const res: Record<string, unknown> = { Items: out.Attributes ? [out.Attributes] : [] };
  if (out.ConsumedCapacity) res.ConsumedCapacity = out.ConsumedCapacity;
  return res;
}
