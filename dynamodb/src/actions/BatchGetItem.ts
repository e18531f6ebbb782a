// BatchGetItem: up to 100 keys over several tables; the response stops at 16 MB and the rest
// is returned in UnprocessedKeys. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
// Limits, duplicates and values are checked with the request (validation/BatchGetItem.ts).

import { Consumed, itemSize, readUnits } from '../capacity.ts';
import { DynamoError } from '../errors.ts';
import { parseProjection, project } from '../expressions/index.ts';
import type { Item } from '../types.ts';
import type { BatchGetInput, KeysAndAttributes } from '../validation/batch.ts';
import type { OpContext } from './context.ts';
import { activeTable, checkKey, exprContext } from './items.ts';
import { Placeholders, projectionExpression } from './legacy.ts';

const RESPONSE_BYTES = 16 * 1024 * 1024;

export function batchGetItem(d: BatchGetInput, ctx: OpContext) {
  const plans = Object.entries(d.RequestItems).map(([tableName, spec]) => {
    let names = spec.ExpressionAttributeNames;
    let projection = spec.ProjectionExpression;
    if (spec.AttributesToGet) {
      const p = new Placeholders();
      projection = projectionExpression(spec.AttributesToGet, p);
      names = p.names;
    }
    const ectx = exprContext(names, undefined);
    const proj = projection !== undefined ? parseProjection(projection, ectx) : undefined;
    ectx.assertAllUsed();
    return { tableName, spec, proj };
  });
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, KeysAndAttributes> = {};
  const capacity: unknown[] = [];
  let bytes = 0;
  let throttled: DynamoError | undefined;
  let served = 0;
  for (const { tableName, spec, proj } of plans) {
    const table = activeTable(ctx, tableName);
    const keys = spec.Keys.map((k) => checkKey(table, k));
    try {
      ctx.server.throttle.check(table, 'read');
    } catch (err) {
      if (!(err instanceof DynamoError)) throw err;
      throttled = err;
      unprocessed[tableName] = spec;
      continue;
    }
    const consumed = new Consumed(tableName, 'read');
    const found: Item[] = (responses[tableName] = []);
    const left = [];
    for (const key of keys) {
      const item = table.get(key);
      if (bytes >= RESPONSE_BYTES) {
        left.push(key);
        continue;
      }
      served++;
      bytes += itemSize(item);
      consumed.tableUnits += readUnits(itemSize(item), !!spec.ConsistentRead);
      if (item) found.push(proj ? project(proj, item) : item);
    }
    if (left.length) unprocessed[tableName] = { ...spec, Keys: left };
    ctx.server.throttle.consume(table, consumed);
    const cc = consumed.toJSON(d.ReturnConsumedCapacity);
    if (cc) capacity.push(cc);
  }
  if (!served && throttled) throw throttled;
  ctx.note({ table: Object.keys(d.RequestItems).join(','), count: served });
  const out: Record<string, unknown> = { Responses: responses, UnprocessedKeys: unprocessed };
  if (capacity.length) out.ConsumedCapacity = capacity;
  return out;
}
