// BatchExecuteStatement: up to 25 independent PartiQL statements, each a singleton read (a
// SELECT naming the whole key, read like GetItem) or a single-item write. Not a transaction:
// each statement succeeds or carries its own Error, and the call answers 200.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.batching.html

import { keyString } from '../attributes.ts';
import { Consumed } from '../capacity.ts';
import { validation } from '../errors.ts';
import { EXISTS_OUTSIDE_TX, MIXED_BATCH, NOT_ON_INDEX } from '../partiql/errors.ts';
import { ConsumedByTable, statementError } from '../partiql/outcome.ts';
import { parseStatement, type Statement } from '../partiql/parser.ts';
import { prepareSingleton, readSingleton } from '../partiql/singleton.ts';
import { runStatementWrite } from '../partiql/run-write.ts';
import type { BatchExecuteStatementInput, BatchStatementRequest } from '../validation/BatchExecuteStatement.ts';
import type { OpContext } from './context.ts';

function read(s: Statement & { kind: 'select' }, r: BatchStatementRequest, ctx: OpContext, consumed: ConsumedByTable) {
  const single = prepareSingleton(s, ctx, NOT_ON_INDEX);
  const partition = keyString(single.key[single.table.keys.hash]!);
  ctx.server.throttle.check(single.table, 'read', undefined, partition);
  const c = new Consumed(s.table, 'read');
  const item = readSingleton(single, !!r.ConsistentRead, c);
  ctx.server.throttle.consume(single.table, c, undefined, partition);
  consumed.add(c);
  return item ? { TableName: s.table, Item: item } : { TableName: s.table };
}

function write(s: Exclude<Statement, { kind: 'select' }>, r: BatchStatementRequest, ctx: OpContext, consumed: ConsumedByTable) {
  if (s.kind === 'exists') throw validation(EXISTS_OUTSIDE_TX);
  const c = new Consumed(s.table, 'write');
  try {
    runStatementWrite(s, r, ctx, c);
  } finally {
    consumed.add(c);
  }
  return { TableName: s.table };
}

export function batchExecuteStatement(d: BatchExecuteStatementInput, ctx: OpContext) {
  const parsed = d.Statements.map((r) => {
    try {
      return parseStatement(r.Statement, r.Parameters);
    } catch (err) {
      return statementError(err);
    }
  });
  const kinds = new Set(parsed.map((s) => ('kind' in s ? (s.kind === 'select' ? 'read' : 'write') : undefined)).filter(Boolean));
  if (kinds.size > 1) throw validation(MIXED_BATCH);
  const consumed = new ConsumedByTable(kinds.has('read') ? 'read' : 'write');
  const responses = parsed.map((s, i) => {
    if (!('kind' in s)) return { Error: s };
    try {
      return s.kind === 'select' ? read(s, d.Statements[i]!, ctx, consumed) : write(s, d.Statements[i]!, ctx, consumed);
    } catch (err) {
      return { TableName: s.table, Error: statementError(err) };
    }
  });
  ctx.note({ table: consumed.tables().join(',') || undefined, count: responses.filter((r) => !('Error' in r)).length, consumedCapacity: consumed.total });
  const out: Record<string, unknown> = { Responses: responses };
  const cc = consumed.toJSON(d.ReturnConsumedCapacity);
  if (cc) out.ConsumedCapacity = cc;
  return out;
}
