// A SELECT that names a whole primary key, read as one GetItem: what BatchExecuteStatement and
// ExecuteTransaction allow as reads ("only singleton reads"):
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.batching.html
// The rest of the WHERE clause filters the item; the SELECT list applies as in ExecuteStatement.

import { Consumed, itemSize, readUnits } from '../capacity.ts';
import { validation } from '../errors.ts';
import { evaluateCondition } from '../expressions/index.ts';
import type { OpContext } from '../actions/context.ts';
import { activeTable } from '../actions/items.ts';
import type { Table } from '../storage/table.ts';
import type { Item, Key } from '../types.ts';
import { INCOMPLETE_KEY } from './errors.ts';
import { splitKey } from './keys.ts';
import type { SelectStatement } from './parser.ts';
import { projectColumns } from './projection.ts';

export interface SingletonRead {
  table: Table;
  key: Key;
  statement: SelectStatement;
}

export function prepareSingleton(s: SelectStatement, ctx: OpContext, indexMessage: string, keyMessage = INCOMPLETE_KEY): SingletonRead {
  if (s.index !== undefined) throw validation(indexMessage);
  if (s.orderBy.length) throw validation('Unsupported clause: ORDER BY');
  const table = activeTable(ctx, s.table);
  if (!s.where) throw validation(keyMessage);
  let key: Key;
  try {
    key = splitKey(s.where, table).key;
  } catch (err) {
    if ((err as Error).message === INCOMPLETE_KEY) throw validation(keyMessage);
    throw err;
  }
  return { table, key, statement: s };
}

/** Reads the item, charging `factor` × its read units to `consumed`; undefined when absent or filtered out. */
export function readSingleton(r: SingletonRead, consistent: boolean, consumed: Consumed, factor = 1): Item | undefined {
  const item = r.table.get(r.key);
  consumed.tableUnits += readUnits(itemSize(item), consistent) * factor;
  if (!item || (r.statement.where && !evaluateCondition(r.statement.where, item))) return undefined;
  return r.statement.projection ? projectColumns(r.statement.projection, item) : item;
}
