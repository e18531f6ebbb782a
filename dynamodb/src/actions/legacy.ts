// Legacy (pre-expression) parameters, translated into the equivalent expressions so one
// evaluator serves both: Expected, QueryFilter, ScanFilter, KeyConditions, AttributeUpdates,
// AttributesToGet. Mapping per
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
// Generated placeholders cannot clash with the caller's: DynamoDB refuses requests that mix
// legacy and expression parameters (checked before translation).

import { validation } from '../errors.ts';
import type { AttributeValue } from '../types.ts';

export interface LegacyCondition {
  ComparisonOperator?: string;
  AttributeValueList?: AttributeValue[];
  Value?: AttributeValue;
  Exists?: boolean;
}

const INVALID = 'One or more parameter values were invalid: ';
const COMPARATORS: Record<string, string> = { EQ: '=', NE: '<>', LE: '<=', LT: '<', GE: '>=', GT: '>' };
const ARGUMENTS: Record<string, number> = {
  EQ: 1, NE: 1, LE: 1, LT: 1, GE: 1, GT: 1, NOT_NULL: 0, NULL: 0, CONTAINS: 1, NOT_CONTAINS: 1, BEGINS_WITH: 1, BETWEEN: 2,
};

/** Collects names and values for the generated expressions of one request. */
export class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private n = 0;
  private v = 0;

  name(attr: string): string {
    const key = `#lg${this.n++}`;
    this.names[key] = attr;
    return key;
  }

  value(val: AttributeValue): string {
    const key = `:lg${this.v++}`;
    this.values[key] = val;
    return key;
  }
}

function oneCondition(attr: string, c: LegacyCondition, p: Placeholders): string {
  const op = c.ComparisonOperator;
  if (!op) {
    // Expected without ComparisonOperator: Exists/Value form.
    const exists = c.Exists ?? true;
    if (exists && !c.Value) throw validation(`${INVALID}Value must be provided when Exists is ${c.Exists ?? 'null'} for Attribute: ${attr}`);
    if (!exists && c.Value) throw validation(`${INVALID}Value cannot be used when Exists is false for Attribute: ${attr}`);
    return exists ? `${p.name(attr)} = ${p.value(c.Value!)}` : `attribute_not_exists(${p.name(attr)})`;
  }
  if (c.Exists !== undefined) throw validation(`${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: ${attr}`);
  const args = c.AttributeValueList ?? (c.Value ? [c.Value] : []);
  const expected = ARGUMENTS[op];
  if (op === 'IN' ? !args.length : expected === undefined || args.length !== expected) {
    if (expected === undefined && op !== 'IN') throw validation(`${INVALID}Unsupported ComparisonOperator: ${op}`);
    throw validation(`${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  const name = p.name(attr);
  const vals = args.map((a) => p.value(a));
  if (COMPARATORS[op]) return `${name} ${COMPARATORS[op]} ${vals[0]}`;
  switch (op) {
    case 'NOT_NULL':
      return `attribute_exists(${name})`;
    case 'NULL':
      return `attribute_not_exists(${name})`;
    case 'CONTAINS':
      return `contains(${name}, ${vals[0]})`;
    case 'NOT_CONTAINS':
      return `NOT contains(${name}, ${vals[0]})`;
    case 'BEGINS_WITH':
      return `begins_with(${name}, ${vals[0]})`;
    case 'BETWEEN':
      return `${name} BETWEEN ${vals[0]} AND ${vals[1]}`;
    default:
      return `${name} IN (${vals.join(', ')})`;
  }
}

/** Expected / QueryFilter / ScanFilter / KeyConditions → a condition expression. */
export function conditionExpression(conds: Record<string, LegacyCondition>, operator: string | undefined, p: Placeholders): string | undefined {
  const parts = Object.entries(conds).map(([attr, c]) => `(${oneCondition(attr, c, p)})`);
  if (!parts.length) return undefined;
  return parts.join(operator === 'OR' ? ' OR ' : ' AND ');
}

/** AttributeUpdates → an update expression (PUT → SET, ADD → ADD, DELETE → DELETE/REMOVE). */
export function updateExpression(updates: Record<string, { Action?: string; Value?: AttributeValue }>, p: Placeholders): string | undefined {
  const clauses: Record<string, string[]> = { SET: [], ADD: [], DELETE: [], REMOVE: [] };
  for (const [attr, u] of Object.entries(updates)) {
    const action = u.Action ?? 'PUT';
    if (!u.Value && action !== 'DELETE') throw validation(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
    if (action === 'PUT') clauses.SET!.push(`${p.name(attr)} = ${p.value(u.Value!)}`);
    else if (action === 'ADD') clauses.ADD!.push(`${p.name(attr)} ${p.value(u.Value!)}`);
    else if (u.Value) clauses.DELETE!.push(`${p.name(attr)} ${p.value(u.Value)}`);
    else clauses.REMOVE!.push(p.name(attr));
  }
  const text = Object.entries(clauses)
    .filter(([, list]) => list.length)
    .map(([clause, list]) => `${clause} ${list.join(', ')}`)
    .join(' ');
  return text || undefined;
}

/** AttributesToGet → a projection expression. */
export function projectionExpression(attrs: string[] | undefined, p: Placeholders): string | undefined {
  if (!attrs) return undefined;
  const dup = attrs.find((a, i) => attrs.indexOf(a) !== i);
  if (dup !== undefined) throw validation(`${INVALID}Duplicate value in attribute name: ${dup}`);
  return attrs.map((a) => p.name(a)).join(', ');
}
