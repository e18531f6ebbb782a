// INSERT, UPDATE, DELETE and EXISTS as the prepared writes of the one write path behind
// PutItem/UpdateItem/DeleteItem/TransactWriteItems (../actions/write.ts), so capacity,
// streams, TTL and transaction locks see them like any other write.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.insert.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.delete.html
//   INSERT: fails when the key exists (DuplicateItemException).
//   UPDATE: the item must exist and the rest of the WHERE clause hold (ConditionalCheckFailed).
//   DELETE: a missing item is no error; an existing one must satisfy the rest of the WHERE clause.

import { validation } from '../errors.ts';
import type { Condition } from '../expressions/index.ts';
import type { OpContext } from '../actions/context.ts';
import { activeTable, checkItem, checkKeyPart } from '../actions/items.ts';
import type { PreparedWrite } from '../actions/write.ts';
import type { Table } from '../storage/table.ts';
import type { Item } from '../types.ts';
import { EXISTS_NEEDS_KEY, keyAbsent, keyTypeMismatch, NOT_ON_INDEX } from './errors.ts';
import { splitKey } from './keys.ts';
import type { DeleteStatement, ExistsStatement, InsertStatement, UpdateStatement } from './parser.ts';

export type WriteStatement = InsertStatement | UpdateStatement | DeleteStatement | ExistsStatement;

const exists = (name: string, yes: boolean): Condition => ({
  kind: 'call',
  call: { kind: 'function', name: yes ? 'attribute_exists' : 'attribute_not_exists', args: [{ kind: 'path', elements: [name] }] },
});

function checkInsertKey(table: Table, item: Item): void {
  for (const el of table.keySchema) {
    const v = item[el.AttributeName];
    if (!v) throw keyAbsent(el.AttributeName);
    if (!(table.attributeType(el.AttributeName)! in v)) throw keyTypeMismatch(el.AttributeName);
  }
}

/** The write a statement stands for; `returnOldOnFailure` from ReturnValuesOnConditionCheckFailure. */
export function prepareStatementWrite(s: WriteStatement, ctx: OpContext, returnOldOnFailure: boolean): PreparedWrite {
  if (s.index !== undefined) throw validation(NOT_ON_INDEX);
  const table = activeTable(ctx, s.table);
  ctx.note({ table: s.table });
  const hash = table.keys.hash;
  if (s.kind === 'insert') {
    checkInsertKey(table, s.item);
    checkItem(table, s.item, ctx.server.maxItemBytes);
    return { kind: 'Put', table, key: table.keyOf(s.item), item: s.item, condition: exists(hash, false), returnOldOnFailure: false };
  }
  const { key, rest } = s.where ? splitKey(s.where, table) : { key: undefined, rest: undefined };
  if (!key) throw validation(EXISTS_NEEDS_KEY);
  for (const el of table.keySchema) checkKeyPart(key[el.AttributeName]!, el.AttributeName, el.KeyType === 'HASH');
  switch (s.kind) {
    case 'update': {
      for (const action of s.update.actions) {
        const [head, ...tail] = action.path.elements;
        if (head !== hash && head !== table.keys.range) continue;
        if (tail.length) throw validation(`Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key ${head}`);
        throw validation(`One or more parameter values were invalid: Cannot update attribute ${head}. This attribute is part of the key`);
      }
      const condition: Condition = rest ? { kind: 'and', left: exists(hash, true), right: rest } : exists(hash, true);
      return { kind: 'Update', table, key, update: s.update, condition, returnOldOnFailure };
    }
    case 'delete': {
      const condition: Condition | undefined = rest && { kind: 'or', left: exists(hash, false), right: rest };
      return { kind: 'Delete', table, key, condition, returnOldOnFailure };
    }
    case 'exists': {
      if (!rest) throw validation(EXISTS_NEEDS_KEY);
      return { kind: 'ConditionCheck', table, key, condition: { kind: 'and', left: exists(hash, true), right: rest }, returnOldOnFailure };
    }
  }
}
