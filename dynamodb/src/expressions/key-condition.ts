// KeyConditionExpression: an equality on the partition key, optionally AND one condition on
// the sort key (=, <, <=, >, >=, BETWEEN, begins_with):
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
// It is parsed with the condition grammar, then narrowed. Messages as DynamoDB answers them
// (recorded in dynalite's validations/index.js and actions/query.js).

import { validation } from '../errors.ts';
import type { AttributeValue, KeyNames } from '../types.ts';
import type { ExprContext } from './context.ts';
import type { Condition, Operand } from './condition-parser.ts';
import { parseConditionExpression } from './condition-parser.ts';

export type KeyOperator = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'begins_with';

export interface KeyCondition {
  hash: { name: string; value: AttributeValue };
  range?: { op: KeyOperator; name: string; values: AttributeValue[] };
}

/** `:v < sk` means `sk > :v`. */
const FLIPPED: Record<string, KeyOperator> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const NOT_FOR_KEYS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'contains']);

type Collected = Map<string, { op: KeyOperator; values: AttributeValue[] }>;

/** The single key attribute of one condition, checked the way DynamoDB checks it. */
function keyOperand(args: Operand[]): { name: string; index: number } {
  let found: { name: string; index: number } | undefined;
  args.forEach((arg, index) => {
    if (arg.kind === 'function') throw validation('KeyConditionExpressions cannot contain nested operations');
    if (arg.kind !== 'path') return;
    if (found) throw validation('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
    if (arg.elements.length > 1) throw validation('KeyConditionExpressions cannot have conditions on nested attributes');
    found = { name: arg.elements[0] as string, index };
  });
  if (!found) throw validation('Invalid condition in KeyConditionExpression: No key attribute specified');
  return found;
}

function add(out: Collected, name: string, op: KeyOperator, values: Operand[]): void {
  if (out.has(name)) throw validation('KeyConditionExpressions must only contain one condition per key');
  out.set(name, { op, values: values.map((v) => (v as { value: AttributeValue }).value) });
}

function collect(cond: Condition, out: Collected): void {
  switch (cond.kind) {
    case 'and':
      collect(cond.left, out);
      collect(cond.right, out);
      return;
    case 'or':
    case 'not':
    case 'in':
      throw validation(`Invalid operator used in KeyConditionExpression: ${cond.kind.toUpperCase()}`);
    case 'compare': {
      if (cond.op === '<>') throw validation('Invalid operator used in KeyConditionExpression: <>');
      const { name, index } = keyOperand([cond.left, cond.right]);
      add(out, name, index === 0 ? cond.op : FLIPPED[cond.op]!, [index === 0 ? cond.right : cond.left]);
      return;
    }
    case 'between': {
      if (cond.operand.kind !== 'path') {
        throw validation('Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand');
      }
      const { name } = keyOperand([cond.operand, cond.low, cond.high]);
      add(out, name, 'BETWEEN', [cond.low, cond.high]);
      return;
    }
    case 'call': {
      const { name: fn, args } = cond.call;
      if (NOT_FOR_KEYS.has(fn)) throw validation(`Invalid operator used in KeyConditionExpression: ${fn}`);
      if (fn === 'size') throw validation('KeyConditionExpressions cannot contain nested operations');
      if (args[0]?.kind !== 'path') {
        throw validation('Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand');
      }
      const { name } = keyOperand(args);
      add(out, name, 'begins_with', args.slice(1));
      return;
    }
  }
}

/** Parses and narrows a KeyConditionExpression against the key schema of the table or index. */
export function parseKeyConditionExpression(expr: string, ctx: ExprContext, key: KeyNames): KeyCondition {
  const collected: Collected = new Map();
  collect(parseConditionExpression(expr, ctx, 'KeyConditionExpression'), collected);
  const count = collected.size;
  if (count > 2) throw validation('Conditions can be of length 1 or 2 only');
  if (!key.range && count > 1) throw validation('Query key condition not supported');
  const hash = collected.get(key.hash);
  if (!hash) throw validation(`Query condition missed key schema element: ${key.hash}`);
  if (hash.op !== '=') throw validation('Query key condition not supported');
  const result: KeyCondition = { hash: { name: key.hash, value: hash.values[0]! } };
  if (count === 2) {
    const range = collected.get(key.range!);
    if (!range) throw validation(`Query condition missed key schema element: ${key.range}`);
    result.range = { op: range.op, name: key.range!, values: range.values };
  }
  return result;
}
