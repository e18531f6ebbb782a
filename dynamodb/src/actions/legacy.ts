// Legacy (pre-expression) parameters, translated into the equivalent expressions so one
// evaluator serves both: Expected, QueryFilter, ScanFilter, KeyConditions, AttributeUpdates,
// AttributesToGet. Mapping per
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
// Generated placeholders cannot clash with the caller's: DynamoDB refuses requests that mix
// legacy and expression parameters. The parameters were validated with the request
// (validation/values.ts), so translation assumes well-formed input.

import type { AttributeValue } from '../types.ts';

export interface LegacyCondition {
  ComparisonOperator?: string;
  AttributeValueList?: AttributeValue[];
  Value?: AttributeValue;
  Exists?: boolean;
}

const COMPARATORS: Record<string, string> = { EQ: '=', NE: '<>', LE: '<=', LT: '<', GE: '>=', GT: '>' };

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
  const name = p.name(attr);
  const op = c.ComparisonOperator;
  // Expected without ComparisonOperator: the Exists/Value form.
  if (!op) return c.Exists === false ? `attribute_not_exists(${name})` : `${name} = ${p.value(c.Value!)}`;
  const vals = (c.AttributeValueList ?? (c.Value ? [c.Value] : [])).map((a) => p.value(a));
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
  return attrs.map((a) => p.name(a)).join(', ');
}
