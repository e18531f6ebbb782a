// Query: one partition of the table or an index, a range of its sort keys, in order.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// The partition is found by hash and the range by binary search: O(log n + k).
// Check order and messages as DynamoDB answers them (dynalite's actions/query.js and tests).

import { compareKeyValues, keyString, sameValue } from '../attributes.ts';
import { validation } from '../errors.ts';
import { ExprContext, parseCondition, parseKeyCondition, type KeyCondition, type KeyOperator } from '../expressions/index.ts';
import { boundFirst, lowerBound, prefixEnd, type Entry } from '../storage/sorted.ts';
import { keyNamesOf } from '../storage/table.ts';
import type { AttributeValue, Key, KeyNames, KeySchema } from '../types.ts';
import type { QueryInput } from '../validation/reads.ts';
import type { OpContext } from './context.ts';
import { checkKeyPart, exprContext } from './items.ts';
import type { LegacyCondition } from './legacy.ts';
import { checkFilterProjected, conditionAttributes, planRead, readPage, startKeySchema, translateLegacy, type ReadPlan } from './read.ts';

const LEGACY_OPERATORS: Record<string, KeyOperator> = { EQ: '=', LT: '<', LE: '<=', GT: '>', GE: '>=', BETWEEN: 'BETWEEN', BEGINS_WITH: 'begins_with' };
const NOT_INDEXABLE = new Set(['NULL', 'NOT_NULL', 'NE', 'CONTAINS', 'NOT_CONTAINS', 'IN']);

/** Legacy KeyConditions checked against the key schema queried, as DynamoDB checks them. */
function legacyKeyCondition(conds: Record<string, LegacyCondition>, schema: KeySchema, plan: ReadPlan): KeyCondition {
  const count = Object.keys(conds).length;
  let out: KeyCondition | undefined;
  for (const el of schema) {
    const attr = el.AttributeName;
    const isHash = el.KeyType === 'HASH';
    if (isHash && schema.length === 1 && count > 1) throw validation('Query key condition not supported');
    const c = conds[attr];
    if (!c) {
      if (isHash || count > 1) throw validation(`Query condition missed key schema element ${attr}`);
      continue;
    }
    const op = c.ComparisonOperator!;
    if (NOT_INDEXABLE.has(op)) throw validation('Attempted conditional constraint is not an indexable operation');
    const type = plan.table.attributeType(attr)!;
    const values = c.AttributeValueList ?? [];
    if (values.some((v) => !(type in v))) {
      throw validation('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
    if (isHash && op !== 'EQ') throw validation('Query key condition not supported');
    if (isHash) out = { hash: { name: attr, value: values[0]! } };
    else out!.range = { op: LEGACY_OPERATORS[op]!, name: attr, values };
  }
  return out!;
}

/** Whether a sort key value satisfies the range condition (for ExclusiveStartKey checks). */
function inRange(v: AttributeValue, r: NonNullable<KeyCondition['range']>): boolean {
  const [a, b] = r.values;
  const c = compareKeyValues(v, a!);
  switch (r.op) {
    case '=':
      return c === 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case 'BETWEEN':
      return c >= 0 && compareKeyValues(v, b!) <= 0;
    case 'begins_with':
      return 'S' in v ? v.S.startsWith((a as { S: string }).S) : Buffer.from((v as { B: string }).B, 'base64').toString('latin1').startsWith(Buffer.from((a as { B: string }).B, 'base64').toString('latin1'));
  }
}

/** Shape of a Query's ExclusiveStartKey: every start-key attribute, of its defined type. */
function checkStartKeyShape(plan: ReadPlan, key: Key): void {
  const schema = startKeySchema(plan);
  if (Object.keys(key).length !== schema.length || schema.some((el) => !key[el.AttributeName])) {
    throw validation('The provided starting key is invalid');
  }
  for (const el of schema) {
    if (!(plan.table.attributeType(el.AttributeName)! in key[el.AttributeName]!)) {
      throw validation('The provided starting key is invalid: The provided key element does not match the schema');
    }
    checkKeyPart(key[el.AttributeName]!, el.AttributeName, el.KeyType === 'HASH', 'The provided starting key is invalid: ');
  }
}

/**
 * [lo, hi) of a partition's entries the sort-key condition selects. Shared with PartiQL's
 * SELECT: a key condition's BETWEEN with low > high is refused by validation, PartiQL's is an
 * empty range, hence the clamp.
 */
export function rangeBounds(entries: Entry[], r: KeyCondition['range']): [number, number] {
  if (!r) return [0, entries.length];
  const [a, b] = r.values as [AttributeValue, AttributeValue | undefined];
  switch (r.op) {
    case '=':
      return [boundFirst(entries, a), boundFirst(entries, a, true)];
    case '<':
      return [0, boundFirst(entries, a)];
    case '<=':
      return [0, boundFirst(entries, a, true)];
    case '>':
      return [boundFirst(entries, a, true), entries.length];
    case '>=':
      return [boundFirst(entries, a), entries.length];
    case 'BETWEEN':
      return [boundFirst(entries, a), Math.max(boundFirst(entries, a), boundFirst(entries, b!, true))];
    case 'begins_with': {
      const lo = boundFirst(entries, a);
      return [lo, prefixEnd(entries, lo, a)];
    }
  }
}

function* walk(entries: Entry[], lo: number, hi: number, forward: boolean): Generator<Entry> {
  if (forward) for (let i = lo; i < hi; i++) yield entries[i]!;
  else for (let i = hi - 1; i >= lo; i--) yield entries[i]!;
}

export function query(d: QueryInput, ctx: OpContext) {
  const legacyProjection = !!d.AttributesToGet;
  translateLegacy(d, d.QueryFilter);
  const ectx = exprContext(d.ExpressionAttributeNames, d.ExpressionAttributeValues);
  if (d.KeyConditionExpression !== undefined) {
    // Syntax and placeholder errors come before any table lookup; the key schema check after.
    parseCondition(d.KeyConditionExpression, new ExprContext(d.ExpressionAttributeNames, d.ExpressionAttributeValues), 'KeyConditionExpression');
  }
  const plan = planRead(d, ctx, ectx, legacyProjection);
  const schema = plan.index?.keySchema ?? plan.table.keySchema;
  const keys: KeyNames = keyNamesOf(schema);
  if (d.ExclusiveStartKey) checkStartKeyShape(plan, d.ExclusiveStartKey);
  const kc = d.KeyConditions ? legacyKeyCondition(d.KeyConditions, schema, plan) : parseKeyCondition(d.KeyConditionExpression!, ectx, keys);
  ectx.assertAllUsed();
  for (const [name, values] of [[keys.hash, [kc.hash.value]], [keys.range, kc.range?.values ?? []]] as const) {
    const want = name && plan.table.attributeType(name);
    if (values.some((v) => !(want! in v))) {
      throw validation('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
  }
  if (plan.filter) {
    for (const name of conditionAttributes(plan.filter)) {
      if (name === keys.hash || name === keys.range) {
        throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`);
      }
    }
  }
  checkFilterProjected(plan);
  const start = d.ExclusiveStartKey;
  if (start) {
    if (kc.range && !inRange(start[keys.range!]!, kc.range)) throw validation('The provided starting key does not match the range key predicate');
    if (!sameValue(start[keys.hash], kc.hash.value)) {
      throw validation(
        kc.range
          ? 'The query can return at most one row and cannot be restarted'
          : 'The provided starting key is outside query boundaries based on provided conditions',
      );
    }
  }
  const store = plan.index?.items ?? plan.table.items;
  const entries = store.partition(kc.hash.value)?.entries ?? [];
  let [lo, hi] = rangeBounds(entries, kc.range);
  const forward = d.ScanIndexForward !== false;
  if (start) {
    const sort = store.sortOf(start) ?? [];
    if (forward) lo = Math.max(lo, lowerBound(entries, sort, true));
    else hi = Math.min(hi, lowerBound(entries, sort));
  }
  return readPage(plan, d, ctx, walk(entries, lo, Math.max(lo, hi), forward), keyString(kc.hash.value));
}
