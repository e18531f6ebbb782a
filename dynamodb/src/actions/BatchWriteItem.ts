// BatchWriteItem: up to 25 puts/deletes over several tables, no conditions, no duplicates.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
// Requests for a throttled table (or items held by a transaction) come back in
// UnprocessedItems; if nothing could be processed the call fails with the throttling error.
// Request limits and values are checked with the request (validation/BatchWriteItem.ts).

import { itemSize, writeUnits, Consumed } from '../capacity.ts';
import { DynamoError, validation } from '../errors.ts';
import type { BatchWriteInput, WriteRequest } from '../validation/batch.ts';
import type { OpContext } from './context.ts';
import { activeTable, checkItem, checkKey } from './items.ts';
import { itemId } from './transactions.ts';

export function batchWriteItem(d: BatchWriteInput, ctx: OpContext) {
  const seen = new Set<string>();
  const prepared = [];
  for (const [tableName, requests] of Object.entries(d.RequestItems)) {
    const table = activeTable(ctx, tableName);
    const list = requests.map((req) => {
      if (req.PutRequest) checkItem(table, req.PutRequest.Item, ctx.server.maxItemBytes);
      const key = req.PutRequest ? table.keyOf(req.PutRequest.Item) : checkKey(table, req.DeleteRequest!.Key);
      const id = itemId(table, key);
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      return { req, key, item: req.PutRequest?.Item };
    });
    prepared.push({ tableName, table, list });
  }
  const unprocessed: Record<string, WriteRequest[]> = {};
  const capacity: unknown[] = [];
  let processed = 0;
  let throttled: DynamoError | undefined;
  for (const { tableName, table, list } of prepared) {
    const consumed = new Consumed(tableName, 'write');
    try {
      ctx.server.throttle.check(table, 'write');
    } catch (err) {
      if (!(err instanceof DynamoError)) throw err;
      throttled = err;
      unprocessed[tableName] = list.map((x) => x.req);
      continue;
    }
    for (const { req, key, item } of list) {
      if (ctx.server.transactions.isLocked(table, key)) {
        (unprocessed[tableName] ??= []).push(req);
        continue;
      }
      consumed.tableUnits += writeUnits(Math.max(itemSize(table.get(key)), itemSize(item)));
      table.commit(key, item, { consumed });
      processed++;
    }
    ctx.server.throttle.consume(table, consumed);
    const cc = consumed.toJSON(d.ReturnConsumedCapacity);
    if (cc) capacity.push(cc);
  }
  if (!processed && throttled) throw throttled;
  ctx.note({ table: Object.keys(d.RequestItems).join(','), count: processed });
  const out: Record<string, unknown> = { UnprocessedItems: unprocessed };
  if (capacity.length) out.ConsumedCapacity = capacity;
  return out;
}
