// TransactGetItems: a consistent snapshot of up to 100 items; reads cost double.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
// An item held by an ongoing TransactWriteItems cancels the read with TransactionConflict.

import { Consumed, itemSize, readUnits } from '../capacity.ts';
import { transactionCanceled, validation } from '../errors.ts';
import { parseProjection, project } from '../expressions/index.ts';
import type { TransactGetInput } from '../validation/TransactGetItems.ts';
import type { OpContext } from './context.ts';
import { checkExpressionParams } from '../validation/values.ts';
import { activeTable, checkKey, exprContext } from './items.ts';
import { itemId } from './transactions.ts';

export function transactGetItems(d: TransactGetInput, ctx: OpContext) {
  const gets = d.TransactItems.map(({ Get: g }) => {
    checkExpressionParams(g, ['ProjectionExpression'], []);
    const ectx = exprContext(g.ExpressionAttributeNames, undefined);
    const proj = g.ProjectionExpression !== undefined ? parseProjection(g.ProjectionExpression, ectx) : undefined;
    ectx.assertAllUsed();
    const table = activeTable(ctx, g.TableName);
    return { table, key: checkKey(table, g.Key), proj };
  });
  const ids = gets.map((g) => itemId(g.table, g.key));
  if (new Set(ids).size !== ids.length) throw validation('Transaction request cannot include multiple operations on one item');
  const tx = ctx.server.transactions;
  if (gets.some((g) => tx.isLocked(g.table, g.key))) {
    throw transactionCanceled(
      gets.map((g) => (tx.isLocked(g.table, g.key) ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' })),
    );
  }
  for (const g of gets) ctx.server.throttle.check(g.table, 'read');
  const consumed = new Map<string, Consumed>();
  const responses = gets.map((g) => {
    const item = g.table.get(g.key);
    let c = consumed.get(g.table.name);
    if (!c) consumed.set(g.table.name, (c = new Consumed(g.table.name, 'read')));
    c.tableUnits += readUnits(itemSize(item), true) * 2;
    return item ? { Item: g.proj ? project(g.proj, item) : item } : {};
  });
  for (const g of new Set(gets.map((x) => x.table))) ctx.server.throttle.consume(g, consumed.get(g.name)!);
  ctx.note({ table: [...consumed.keys()].join(','), count: responses.filter((r) => 'Item' in r).length });
  const out: Record<string, unknown> = { Responses: responses };
  const cc = [...consumed.values()].map((c) => c.toJSON(d.ReturnConsumedCapacity)).filter(Boolean);
  if (cc.length) out.ConsumedCapacity = cc;
  return out;
}
