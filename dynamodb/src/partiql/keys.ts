// What a WHERE clause says about the primary key. DynamoDB runs a SELECT as a Query when the
// partition key is pinned with = or IN (or an OR of equalities), otherwise as a Scan; UPDATE,
// DELETE and EXISTS need an equality on every key attribute:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html
// The whole WHERE clause stays the filter, so narrowing here only decides which items are read.

import { keyString } from '../attributes.ts';
import type { Condition, KeyCondition } from '../expressions/index.ts';
import type { Operand } from '../expressions/condition-parser.ts';
import type { Table } from '../storage/table.ts';
import type { AttributeValue, Key, KeyNames } from '../types.ts';
import { INCOMPLETE_KEY, keyTypeMismatch, multipleKeyConditions } from './errors.ts';
import { validation } from '../errors.ts';

/** The top-level AND-ed parts of a condition. */
export function conjuncts(c: Condition | undefined): Condition[] {
  if (!c) return [];
  return c.kind === 'and' ? [...conjuncts(c.left), ...conjuncts(c.right)] : [c];
}

export function andAll(parts: Condition[]): Condition | undefined {
  return parts.reduce<Condition | undefined>((acc, c) => (acc ? { kind: 'and', left: acc, right: c } : c), undefined);
}

const isAttr = (o: Operand, name: string) => o.kind === 'path' && o.elements.length === 1 && o.elements[0] === name;
const literal = (o: Operand): AttributeValue | undefined => (o.kind === 'value' ? o.value : undefined);

/** `name = v` or `v = name`: the value. */
function equality(c: Condition, name: string): AttributeValue | undefined {
  if (c.kind !== 'compare' || c.op !== '=') return undefined;
  if (isAttr(c.left, name)) return literal(c.right);
  if (isAttr(c.right, name)) return literal(c.left);
  return undefined;
}

/** Values a condition pins `name` to: =, IN, or an OR of those; undefined when it does not. */
function pinned(c: Condition, name: string): AttributeValue[] | undefined {
  const eq = equality(c, name);
  if (eq) return [eq];
  if (c.kind === 'in' && isAttr(c.operand, name) && c.list.every((o) => o.kind === 'value')) return c.list.map((o) => literal(o)!);
  if (c.kind === 'or') {
    const left = pinned(c.left, name);
    const right = left && pinned(c.right, name);
    return right ? [...left!, ...right] : undefined;
  }
  return undefined;
}

/** Partition key values a SELECT reads (duplicates dropped), or undefined for a Scan. */
export function partitionValues(where: Condition | undefined, hash: string): AttributeValue[] | undefined {
  for (const c of conjuncts(where)) {
    const values = pinned(c, hash);
    if (!values) continue;
    const seen = new Set<string>();
    return values.filter((v) => {
      const k = keyString(v);
      return seen.has(k) ? false : (seen.add(k), true);
    });
  }
  return undefined;
}

const RANGE_OPS = new Set(['=', '<', '<=', '>', '>=']);
const FLIPPED: Record<string, '<' | '<=' | '>' | '>='> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** The first sort-key condition a Query can seek with, when its values have the key's type. */
export function rangeCondition(where: Condition | undefined, range: string, type: string): KeyCondition['range'] {
  const typed = (vs: Array<AttributeValue | undefined>) => vs.every((v) => v && type in v);
  for (const c of conjuncts(where)) {
    if (c.kind === 'compare' && RANGE_OPS.has(c.op)) {
      const flipped = isAttr(c.right, range);
      if (!flipped && !isAttr(c.left, range)) continue;
      const v = literal(flipped ? c.left : c.right);
      const op = flipped && c.op !== '=' ? FLIPPED[c.op]! : (c.op as '=');
      if (typed([v])) return { op, name: range, values: [v!] };
    } else if (c.kind === 'between' && isAttr(c.operand, range)) {
      const values = [literal(c.low), literal(c.high)];
      if (typed(values)) return { op: 'BETWEEN', name: range, values: values as AttributeValue[] };
    } else if (c.kind === 'call' && c.call.name === 'begins_with' && isAttr(c.call.args[0]!, range)) {
      const v = literal(c.call.args[1]!);
      if (typed([v]) && type !== 'N') return { op: 'begins_with', name: range, values: [v!] };
    }
  }
  return undefined;
}

/**
 * The full primary key of a write (an equality on each key attribute among the top-level
 * AND-ed conditions) and the rest of the WHERE clause, which becomes the write's condition.
 */
export function splitKey(where: Condition, table: Table): { key: Key; rest?: Condition } {
  const names: KeyNames = table.keys;
  const key: Key = {};
  const rest: Condition[] = [];
  for (const c of conjuncts(where)) {
    const name = [names.hash, names.range].find((n) => n !== undefined && equality(c, n));
    if (!name) {
      rest.push(c);
      continue;
    }
    if (key[name]) throw multipleKeyConditions(name);
    key[name] = equality(c, name)!;
  }
  for (const el of table.keySchema) {
    const v = key[el.AttributeName];
    if (!v) throw validation(INCOMPLETE_KEY);
    if (!(table.attributeType(el.AttributeName)! in v)) throw keyTypeMismatch(el.AttributeName);
  }
  return { key, rest: andAll(rest) };
}
