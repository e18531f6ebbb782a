// The one write path behind PutItem, UpdateItem, DeleteItem, BatchWriteItem and
// TransactWriteItems: `prepare*` checks a request against its table and parses its
// expressions; `evaluate` checks the condition against the current item and computes the new
// one; `commit` applies it. Transactions evaluate every write before committing any.

import { itemSize, writeUnits, type Consumed } from '../capacity.ts';
import { conditionalCheckFailed, validation } from '../errors.ts';
import {
  applyUpdate,
  evaluateCondition,
  parseCondition,
  parseUpdate,
  project,
  type Condition,
  type Update,
} from '../expressions/index.ts';
import type { Table } from '../storage/table.ts';
import type { Item, Key } from '../types.ts';
import type { DeleteItemInput, PutItemInput, UpdateItemInput, WriteCommon } from '../validation/items.ts';
import type { OpContext } from './context.ts';
import { checkExpressionParams } from '../validation/values.ts';
import { activeTable, checkIndexKeys, checkItem, checkKey, exprContext } from './items.ts';
import { conditionExpression, Placeholders, updateExpression } from './legacy.ts';

const INVALID = 'One or more parameter values were invalid: ';

export interface PreparedWrite {
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  table: Table;
  key: Key;
  item?: Item;
  update?: Update;
  condition?: Condition;
  returnOldOnFailure: boolean;
}

export interface Evaluated {
  old: Item | undefined;
  next: Item | undefined;
  /** False when nothing is written (ConditionCheck, or an update that creates nothing). */
  writes: boolean;
}

/** Parses the request's expressions (translating legacy Expected/AttributeUpdates) and finds the table. */
function prepareCommon(
  d: WriteCommon,
  ctx: OpContext,
  extraExprs: Record<string, string | undefined> = {},
  legacyUpdates?: UpdateItemInput['AttributeUpdates'],
): { table: Table; condition?: Condition; update?: Update } {
  // Repeated for transaction elements, which have no operation-level validation of their own.
  checkExpressionParams(d, [...Object.keys(extraExprs), 'ConditionExpression'], []);
  if (d.ConditionalOperator && !d.Expected) {
    throw validation('ConditionalOperator can only be used when Expected or KeyConditions or QueryFilter or ScanFilter is present');
  }
  let condExpr = d.ConditionExpression;
  let updExpr = extraExprs.UpdateExpression;
  let names = d.ExpressionAttributeNames;
  let values = d.ExpressionAttributeValues;
  if (d.Expected || legacyUpdates) {
    const p = new Placeholders();
    condExpr = d.Expected ? conditionExpression(d.Expected, d.ConditionalOperator, p) : undefined;
    updExpr = legacyUpdates ? updateExpression(legacyUpdates, p) : undefined;
    names = Object.keys(p.names).length ? p.names : undefined;
    values = Object.keys(p.values).length ? p.values : undefined;
  }
  const ectx = exprContext(names, values);
  const update = updExpr !== undefined ? parseUpdate(updExpr, ectx) : undefined;
  const condition = condExpr !== undefined ? parseCondition(condExpr, ectx, 'ConditionExpression') : undefined;
  ectx.assertAllUsed();
  const table = activeTable(ctx, d.TableName);
  ctx.note({ table: d.TableName });
  return { table, condition, update };
}

export function preparePut(d: PutItemInput, ctx: OpContext): PreparedWrite {
  const { table, condition } = prepareCommon(d, ctx);
  checkItem(table, d.Item, ctx.server.maxItemBytes);
  return {
    kind: 'Put',
    table,
    key: table.keyOf(d.Item),
    item: d.Item,
    condition,
    returnOldOnFailure: d.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
  };
}

export function prepareDelete(d: DeleteItemInput, ctx: OpContext, kind: 'Delete' | 'ConditionCheck' = 'Delete'): PreparedWrite {
  const { table, condition } = prepareCommon(d, ctx);
  return { kind, table, key: checkKey(table, d.Key), condition, returnOldOnFailure: d.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' };
}

export function prepareUpdate(d: UpdateItemInput, ctx: OpContext): PreparedWrite {
  const { table, condition, update } = prepareCommon(d, ctx, { UpdateExpression: d.UpdateExpression }, d.AttributeUpdates);
  const key = checkKey(table, d.Key);
  for (const action of update?.actions ?? []) {
    const [head, ...rest] = action.path.elements;
    const isKey = head === table.keys.hash || head === table.keys.range;
    if (isKey && rest.length) {
      throw validation(`Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${head}`);
    }
    if (isKey) throw validation(`${INVALID}Cannot update attribute ${head}. This attribute is part of the key`);
  }
  return { kind: 'Update', table, key, update, condition, returnOldOnFailure: d.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' };
}

/** Checks the condition and computes the new item; throws ConditionalCheckFailedException. */
export function evaluate(p: PreparedWrite, maxItemBytes: number): Evaluated {
  const old = p.table.get(p.key);
  if (p.condition && !evaluateCondition(p.condition, old)) {
    throw conditionalCheckFailed(p.returnOldOnFailure && old ? old : undefined);
  }
  switch (p.kind) {
    case 'ConditionCheck':
      return { old, next: old, writes: false };
    case 'Put':
      return { old, next: p.item, writes: true };
    case 'Delete':
      return { old, next: undefined, writes: !!old };
    case 'Update': {
      const actions = p.update?.actions ?? [];
      // Removing from an absent item creates nothing (only SET/ADD materialise an item).
      if (!old && actions.length && actions.every((a) => a.action === 'REMOVE' || a.action === 'DELETE')) {
        return { old, next: undefined, writes: false };
      }
      // On a new item DynamoDB ignores REMOVE, even nested paths that would be "invalid for update".
      const next = p.update ? applyUpdate(p.update, old ?? { ...p.key }, { itemExists: old !== undefined }) : (old ?? { ...p.key });
      checkIndexKeys(p.table, next);
      if (itemSize(next) > maxItemBytes) throw validation('Item size to update has exceeded the maximum allowed size');
      return { old, next, writes: true };
    }
  }
}

/** Applies an evaluated write and counts its write units (table by item size, indexes per index). */
export function commit(p: PreparedWrite, e: Evaluated, consumed: Consumed, factor = 1): void {
  consumed.tableUnits += writeUnits(Math.max(itemSize(e.old), itemSize(e.next))) * factor;
  if (!e.writes) return;
  p.table.commit(p.key, e.next, { consumed });
}

/** The Attributes of a write response per ReturnValues. */
export function returnedAttributes(rv: string | undefined, p: PreparedWrite, e: Evaluated): Item | undefined {
  let out: Item | undefined;
  switch (rv) {
    case 'ALL_OLD':
      out = e.old;
      break;
    case 'ALL_NEW':
      out = e.next;
      break;
    case 'UPDATED_OLD':
    case 'UPDATED_NEW': {
      const source = rv === 'UPDATED_OLD' ? e.old : e.next;
      const paths = (p.update?.actions ?? []).map((a) => a.path.elements);
      out = source ? project({ paths }, source) : undefined;
      break;
    }
    default:
      return undefined;
  }
  return out && Object.keys(out).length ? out : undefined;
}

/** ItemCollectionMetrics for tables with local secondary indexes, when asked for. */
export function collectionMetrics(p: PreparedWrite, asked: string | undefined): Record<string, unknown> | undefined {
  if (asked !== 'SIZE' || ![...p.table.indexes.values()].some((i) => !i.global)) return undefined;
  const hash = p.key[p.table.keys.hash]!;
  let bytes = 0;
  for (const e of p.table.items.partition(hash)?.entries ?? []) bytes += itemSize(e.item);
  const gb = bytes / 1024 ** 3;
  return { ItemCollectionKey: { [p.table.keys.hash]: hash }, SizeEstimateRangeGB: [Math.floor(gb), Math.floor(gb) + 1] };
}
