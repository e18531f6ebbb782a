// ExecuteStatement: one PartiQL statement.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
// SELECT runs as a Query or Scan (partiql/select.ts); INSERT/UPDATE/DELETE run as one write
// through the PutItem/UpdateItem/DeleteItem path (runWrite), answering `Items: []`, or the
// RETURNING image.

import { Consumed } from '../capacity.ts';
import { validation } from '../errors.ts';
import { EXISTS_OUTSIDE_TX } from '../partiql/errors.ts';
import { requestDigest } from '../partiql/paging.ts';
import { parseStatement } from '../partiql/parser.ts';
import { runStatementWrite } from '../partiql/run-write.ts';
import { runSelect } from '../partiql/select.ts';
import type { ExecuteStatementInput } from '../validation/ExecuteStatement.ts';
import type { OpContext } from './context.ts';

export function executeStatement(d: ExecuteStatementInput, ctx: OpContext) {
  const s = parseStatement(d.Statement, d.Parameters);
  if (s.kind === 'select') {
    return runSelect(s, { ...d, digest: requestDigest(d.Statement, d.Parameters) }, ctx);
  }
  if (s.kind === 'exists') throw validation(EXISTS_OUTSIDE_TX);
  const out = runStatementWrite(s, d, ctx, new Consumed(s.table, 'write'));
  const res: Record<string, unknown> = { Items: out.Attributes ? [out.Attributes] : [] };
  if (out.ConsumedCapacity) res.ConsumedCapacity = out.ConsumedCapacity;
  return res;
}
