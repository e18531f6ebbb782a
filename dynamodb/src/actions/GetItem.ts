// GetItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
// Reads cost ceil(size / 4 KB) units, half for eventually consistent reads.

import { keyString } from '../attributes.ts';
import { Consumed, itemSize, readUnits } from '../capacity.ts';
import { parseProjection, project } from '../expressions/index.ts';
import type { GetItemInput } from '../validation/items.ts';
import type { OpContext } from './context.ts';
import { activeTable, checkKey, exprContext } from './items.ts';
import { Placeholders, projectionExpression } from './legacy.ts';

export function getItem(d: GetItemInput, ctx: OpContext) {
  let names = d.ExpressionAttributeNames;
  let projection = d.ProjectionExpression;
  if (d.AttributesToGet) {
    const p = new Placeholders();
    projection = projectionExpression(d.AttributesToGet, p);
    names = p.names;
  }
  const ectx = exprContext(names, undefined);
  const proj = projection !== undefined ? parseProjection(projection, ectx) : undefined;
  ectx.assertAllUsed();
  const table = activeTable(ctx, d.TableName);
  ctx.note({ table: d.TableName });
  const key = checkKey(table, d.Key);
  const partitionKey = keyString(key[table.keys.hash]!);
  ctx.server.throttle.check(table, 'read', undefined, partitionKey);
  const item = table.get(key);
  const consumed = new Consumed(d.TableName, 'read');
  consumed.tableUnits = readUnits(itemSize(item), !!d.ConsistentRead);
  ctx.server.throttle.consume(table, consumed, undefined, partitionKey);
  ctx.note({ consumedCapacity: consumed.total, count: item ? 1 : 0 });
  const out: Record<string, unknown> = {};
  if (item) out.Item = proj ? project(proj, item) : item;
  const cc = consumed.toJSON(d.ReturnConsumedCapacity);
  if (cc) out.ConsumedCapacity = cc;
  return out;
}
