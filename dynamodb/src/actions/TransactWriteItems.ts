// TransactWriteItems: all-or-nothing over up to 100 Put/Update/Delete/ConditionCheck actions.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// The items are held for the duration of the call (including injected latency): other
// transactions touching them are cancelled with TransactionConflict and plain writes get
// TransactionConflictException, as described in
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-conflict-handling

import { Consumed, itemSize, readUnits } from '../capacity.ts';
import { DynamoError, transactionCanceled, validation } from '../errors.ts';
import type { TransactWriteInput } from '../validation/TransactWriteItems.ts';
import type { OpContext } from './context.ts';
import { itemId } from './transactions.ts';
import { commit, evaluate, prepareDelete, preparePut, prepareUpdate, type Evaluated, type PreparedWrite } from './write.ts';

type Reason = { Code: string; Message?: string; Item?: unknown };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function prepareAll(d: TransactWriteInput, ctx: OpContext): PreparedWrite[] {
  return d.TransactItems.map((t) => {
    const set = [t.ConditionCheck, t.Put, t.Delete, t.Update].filter(Boolean).length;
    if (set !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    if (t.Put) return preparePut(t.Put, ctx);
    if (t.Update) return prepareUpdate(t.Update, ctx);
    if (t.Delete) return prepareDelete(t.Delete, ctx);
    return prepareDelete(t.ConditionCheck!, ctx, 'ConditionCheck');
  });
}

/**
 * A repeat within the token's 10 minutes changes nothing and, per the API reference
 * (ClientRequestToken), "Subsequent TransactWriteItems calls with the same client token return
 * the number of read capacity units consumed in reading the item": each item is read
 * transactionally (two units per 4 KB of its current size, at least two), as DynamoDB Local
 * does. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
function replayed(d: TransactWriteInput, writes: PreparedWrite[], ctx: OpContext): Record<string, unknown> {
  const consumed = new Map<string, Consumed>();
  for (const w of writes) {
    let c = consumed.get(w.table.name);
    if (!c) consumed.set(w.table.name, (c = new Consumed(w.table.name, 'read')));
    c.tableUnits += 2 * readUnits(itemSize(w.table.get(w.key)), true);
  }
  for (const table of new Set(writes.map((w) => w.table))) ctx.server.throttle.consume(table, consumed.get(table.name)!);
  ctx.note({ table: [...consumed.keys()].join(','), count: writes.length });
  const out: Record<string, unknown> = {};
  const cc = [...consumed.values()].map((c) => c.toJSON(d.ReturnConsumedCapacity)).filter(Boolean);
  if (cc.length) out.ConsumedCapacity = cc;
  return out;
}

export async function transactWriteItems(d: TransactWriteInput, ctx: OpContext) {
  const tx = ctx.server.transactions;
  const fingerprint = JSON.stringify({ ...d, ClientRequestToken: undefined });
  const repeated = tx.replay(ctx, d.ClientRequestToken, fingerprint);
  const writes = prepareAll(d, ctx);
  if (repeated) return replayed(d, writes, ctx);
  const ids = writes.map((w) => itemId(w.table, w.key));
  if (new Set(ids).size !== ids.length) throw validation('Transaction request cannot include multiple operations on one item');
  for (const w of writes) ctx.server.throttle.check(w.table, 'write');
  if (writes.some((w) => tx.isLocked(w.table, w.key))) {
    throw transactionCanceled(
      writes.map((w): Reason => (tx.isLocked(w.table, w.key) ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' })),
    );
  }
  tx.lock(ids);
  try {
    const delay = ctx.server.latency.TransactWriteItems ?? 0;
    if (delay > 0) await sleep(delay);
    const reasons: Reason[] = [];
    const results: Array<Evaluated | undefined> = [];
    for (const w of writes) {
      try {
        results.push(evaluate(w, ctx.server.maxItemBytes));
        reasons.push({ Code: 'None' });
      } catch (err) {
        if (!(err instanceof DynamoError)) throw err;
        results.push(undefined);
        if (err.type === 'ConditionalCheckFailedException') {
          reasons.push({ Code: 'ConditionalCheckFailed', Message: err.message, ...(err.extra.Item ? { Item: err.extra.Item } : {}) });
        } else {
          reasons.push({ Code: 'ValidationError', Message: err.message });
        }
      }
    }
    if (reasons.some((r) => r.Code !== 'None')) throw transactionCanceled(reasons);
    const consumed = new Map<string, Consumed>();
    writes.forEach((w, i) => {
      let c = consumed.get(w.table.name);
      if (!c) consumed.set(w.table.name, (c = new Consumed(w.table.name, 'write')));
      // Transactional writes cost two write units per KB.
      commit(w, results[i]!, c, 2);
    });
    for (const w of new Set(writes.map((x) => x.table))) ctx.server.throttle.consume(w, consumed.get(w.name)!);
    const out: Record<string, unknown> = {};
    const cc = [...consumed.values()].map((c) => c.toJSON(d.ReturnConsumedCapacity)).filter(Boolean);
    if (cc.length) out.ConsumedCapacity = cc;
    ctx.note({ table: [...consumed.keys()].join(','), count: writes.length });
    tx.remember(ctx, d.ClientRequestToken, fingerprint, true);
    return out;
  } finally {
    tx.unlock(ids);
  }
}
