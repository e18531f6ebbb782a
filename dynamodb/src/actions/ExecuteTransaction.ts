// ExecuteTransaction: up to 100 PartiQL statements, all reads (singleton SELECTs, like
// TransactGetItems) or all writes (INSERT/UPDATE/DELETE and EXISTS condition checks, like
// TransactWriteItems), all-or-nothing with the same item holds, cancellation reasons and
// ClientRequestToken idempotency as the Transact* operations (./transactions.ts, ./write.ts).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteTransaction.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.transactions.html

import { DynamoError, transactionCanceled, validation } from '../errors.ts';
import { DUPLICATE_ITEM, inStatement, MIXED_TRANSACTION, RETURNING_IN_TRANSACTION, TX_NO_INDEX, TX_READ_NEEDS_KEY } from '../partiql/errors.ts';
import { ConsumedByTable, statementError } from '../partiql/outcome.ts';
import { parseStatement, type Statement } from '../partiql/parser.ts';
import { prepareSingleton, readSingleton, type SingletonRead } from '../partiql/singleton.ts';
import { prepareStatementWrite } from '../partiql/writes.ts';
import type { ExecuteTransactionInput } from '../validation/ExecuteTransaction.ts';
import type { OpContext } from './context.ts';
import { itemId } from './transactions.ts';
import { commit, evaluate, type Evaluated, type PreparedWrite } from './write.ts';

type Reason = { Code: string; Message?: string; Item?: unknown };

const CONFLICT: Reason = { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' };

/** Runs `fn` for statement `i`; its ValidationException names the statement's position. */
function atStatement<T>(i: number, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DynamoError && err.type === 'ValidationException') throw inStatement(i, err.message);
    throw err;
  }
}

function runReads(d: ExecuteTransactionInput, reads: SingletonRead[], ctx: OpContext) {
  const tx = ctx.server.transactions;
  if (reads.some((r) => tx.isLocked(r.table, r.key))) {
    throw transactionCanceled(reads.map((r) => (tx.isLocked(r.table, r.key) ? CONFLICT : { Code: 'None' })));
  }
  for (const r of reads) ctx.server.throttle.check(r.table, 'read');
  const consumed = new ConsumedByTable('read');
  // Transactional reads are strongly consistent and cost double.
  const responses = reads.map((r) => {
    const item = readSingleton(r, true, consumed.of(r.table.name), 2);
    return item ? { Item: item } : {};
  });
  for (const r of new Set(reads.map((x) => x.table))) ctx.server.throttle.consume(r, consumed.of(r.name));
  ctx.note({ table: consumed.tables().join(','), count: responses.filter((r) => 'Item' in r).length, consumedCapacity: consumed.total });
  const out: Record<string, unknown> = { Responses: responses };
  const cc = consumed.toJSON(d.ReturnConsumedCapacity);
  if (cc) out.ConsumedCapacity = cc;
  return out;
}

function runWrites(d: ExecuteTransactionInput, writes: PreparedWrite[], inserts: boolean[], ctx: OpContext) {
  const tx = ctx.server.transactions;
  const ids = writes.map((w) => itemId(w.table, w.key));
  if (new Set(ids).size !== ids.length) throw validation('Transaction request cannot include multiple operations on one item');
  for (const w of writes) ctx.server.throttle.check(w.table, 'write');
  if (writes.some((w) => tx.isLocked(w.table, w.key))) {
    throw transactionCanceled(writes.map((w) => (tx.isLocked(w.table, w.key) ? CONFLICT : { Code: 'None' })));
  }
  tx.lock(ids);
  try {
    const reasons: Reason[] = [];
    const results: Array<Evaluated | undefined> = [];
    writes.forEach((w, i) => {
      try {
        results.push(evaluate(w, ctx.server.maxItemBytes));
        reasons.push({ Code: 'None' });
      } catch (err) {
        results.push(undefined);
        const error = statementError(err);
        reasons.push(inserts[i] && error.Code === 'ConditionalCheckFailed' ? { Code: 'DuplicateItem', Message: DUPLICATE_ITEM } : error);
      }
    });
    if (reasons.some((r) => r.Code !== 'None')) throw transactionCanceled(reasons);
    const consumed = new ConsumedByTable('write');
    // Transactional writes cost two write units per KB.
    writes.forEach((w, i) => commit(w, results[i]!, consumed.of(w.table.name), 2));
    for (const w of new Set(writes.map((x) => x.table))) ctx.server.throttle.consume(w, consumed.of(w.name));
    ctx.note({ table: consumed.tables().join(','), count: writes.length, consumedCapacity: consumed.total });
    const out: Record<string, unknown> = {};
    const cc = consumed.toJSON(d.ReturnConsumedCapacity);
    if (cc) out.ConsumedCapacity = cc;
    return out;
  } finally {
    tx.unlock(ids);
  }
}

export function executeTransaction(d: ExecuteTransactionInput, ctx: OpContext) {
  const tx = ctx.server.transactions;
  const fingerprint = JSON.stringify({ ...d, ClientRequestToken: undefined });
  const cached = tx.replay(ctx, d.ClientRequestToken, fingerprint);
  if (cached) return cached;
  const requests = d.TransactStatements;
  // Syntax errors are reported as they are; checks of a parsed statement name its position.
  const statements: Statement[] = requests.map((r) => parseStatement(r.Statement, r.Parameters));
  const reads = statements.filter((s) => s.kind === 'select');
  if (reads.length && reads.length !== statements.length) throw validation(MIXED_TRANSACTION);
  let out: Record<string, unknown>;
  if (reads.length) {
    out = runReads(d, reads.map((s, i) => atStatement(i, () => prepareSingleton(s, ctx, TX_NO_INDEX, TX_READ_NEEDS_KEY))), ctx);
  } else {
    const writes = statements.map((s, i) =>
      atStatement(i, () => {
        if (s.kind === 'select') throw validation(MIXED_TRANSACTION);
        if (s.kind !== 'insert' && s.kind !== 'exists' && s.returning !== 'NONE') throw validation(RETURNING_IN_TRANSACTION);
        return prepareStatementWrite(s, ctx, requests[i]!.ReturnValuesOnConditionCheckFailure === 'ALL_OLD');
      }),
    );
    out = runWrites(d, writes, statements.map((s) => s.kind === 'insert'), ctx);
  }
  tx.remember(ctx, d.ClientRequestToken, fingerprint, out);
  return out;
}
