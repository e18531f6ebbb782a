// Evaluation of a parsed condition against one item (undefined = the item does not exist):
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
// A missing attribute or a type mismatch makes a comparison false, never an error;
// `<>` is the negation of `=`, so it is true for a missing attribute.

import type { AttributeValue, Item } from '../types.ts';
import { compareValues, valuesEqual } from './compare.ts';
import type { Comparator, Condition, Operand } from './condition-parser.ts';
import { callFunction, sizeOf } from './functions.ts';
import { getPath } from './paths.ts';

/** Ordered comparisons apply to the scalar types only. */
const ORDERED = new Set(['S', 'N', 'B']);

export function resolveOperand(op: Operand, item: Item | undefined): AttributeValue | undefined {
  if (op.kind === 'path') return getPath(item, op.elements);
  if (op.kind === 'value') return op.value;
  // Only size() survives parsing as an operand.
  return sizeOf(resolveOperand(op.args[0]!, item));
}

function compare(op: Comparator, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (op === '=') return a !== undefined && b !== undefined && valuesEqual(a, b);
  if (op === '<>') return !(a !== undefined && b !== undefined && valuesEqual(a, b));
  if (a === undefined || b === undefined || !ORDERED.has(Object.keys(a)[0]!)) return false;
  const order = compareValues(a, b);
  if (order === undefined) return false;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

export function evaluateCondition(cond: Condition, item: Item | undefined): boolean {
  switch (cond.kind) {
    case 'and':
      return evaluateCondition(cond.left, item) && evaluateCondition(cond.right, item);
    case 'or':
      return evaluateCondition(cond.left, item) || evaluateCondition(cond.right, item);
    case 'not':
      return !evaluateCondition(cond.operand, item);
    case 'compare':
      return compare(cond.op, resolveOperand(cond.left, item), resolveOperand(cond.right, item));
    case 'between': {
      const v = resolveOperand(cond.operand, item);
      return compare('>=', v, resolveOperand(cond.low, item)) && compare('<=', v, resolveOperand(cond.high, item));
    }
    case 'in': {
      const v = resolveOperand(cond.operand, item);
      return v !== undefined && cond.list.some((e) => compare('=', v, resolveOperand(e, item)));
    }
    case 'call':
      return callFunction(
        cond.call.name,
        cond.call.args.map((a) => resolveOperand(a, item)),
      );
  }
}
