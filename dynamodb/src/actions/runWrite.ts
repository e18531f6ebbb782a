// A single-item write with throttling, capacity accounting, transaction locks and
// ReturnValues: the common tail of PutItem, UpdateItem and DeleteItem.

import { keyString } from '../attributes.ts';
import { itemSize, writeUnits, type Consumed } from '../capacity.ts';
import { DynamoError } from '../errors.ts';
import type { WriteCommon } from '../validation/items.ts';
import type { OpContext } from './context.ts';
import { collectionMetrics, commit, evaluate, returnedAttributes, type PreparedWrite } from './write.ts';

export function runWrite(p: PreparedWrite, d: WriteCommon, ctx: OpContext, consumed: Consumed) {
  const partitionKey = keyString(p.key[p.table.keys.hash]!);
  ctx.server.throttle.check(p.table, 'write', undefined, partitionKey);
  // A write to an item held by an ongoing transaction fails (TransactionConflictException).
  ctx.server.transactions.assertFree(p.table, p.key);
  let e;
  try {
    e = evaluate(p, ctx.server.maxItemBytes);
  } catch (err) {
    if (err instanceof DynamoError && err.type === 'ConditionalCheckFailedException') {
      // A failed condition still costs the write units of the item.
      consumed.tableUnits += writeUnits(itemSize(p.table.get(p.key)));
      ctx.server.throttle.consume(p.table, consumed, undefined, partitionKey);
    }
    throw err;
  }
  commit(p, e, consumed);
  ctx.server.throttle.consume(p.table, consumed, undefined, partitionKey);
  ctx.note({ consumedCapacity: consumed.total });
  const out: Record<string, unknown> = {};
  const attributes = returnedAttributes(d.ReturnValues, p, e);
  if (attributes) out.Attributes = attributes;
  const cc = consumed.toJSON(d.ReturnConsumedCapacity);
  if (cc) out.ConsumedCapacity = cc;
  const metrics = collectionMetrics(p, d.ReturnItemCollectionMetrics);
  if (metrics) out.ItemCollectionMetrics = metrics;
  return out;
}
