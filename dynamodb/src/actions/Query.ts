// Query: one partition of the table or an index, a range of its sort keys, in order.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// The partition is found by hash and the range by binary search: O(log n + k).

import { validation } from '../errors.ts';
import { parseKeyCondition, type KeyCondition } from '../expressions/index.ts';
import { boundFirst, lowerBound, prefixEnd, type Entry } from '../storage/sorted.ts';
import { keyNamesOf } from '../storage/table.ts';
import type { QueryInput } from '../validation/reads.ts';
import type { OpContext } from './context.ts';
import { exprContext, rejectMixed } from './items.ts';
import { conditionExpression } from './legacy.ts';
import { checkStartKey, conditionAttributes, planRead, readPage, translateLegacy } from './read.ts';
import { sameValue } from '../attributes.ts';

/** [lo, hi) of the entries the range condition selects. */
function rangeBounds(entries: Entry[], kc: KeyCondition): [number, number] {
  const r = kc.range;
  if (!r) return [0, entries.length];
  const [a, b] = r.values as [NonNullable<(typeof r.values)[0]>, (typeof r.values)[0]];
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
      return [boundFirst(entries, a), boundFirst(entries, b!, true)];
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
  rejectMixed(d, ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'], ['AttributesToGet', 'QueryFilter', 'ConditionalOperator', 'KeyConditions']);
  if (d.KeyConditions === undefined && d.KeyConditionExpression === undefined) {
    throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  const legacyProjection = !!d.AttributesToGet;
  if (d.KeyConditions || d.QueryFilter || d.AttributesToGet) {
    translateLegacy(d, d.QueryFilter, d.KeyConditions && ((p) => {
      d.KeyConditionExpression = conditionExpression(d.KeyConditions!, 'AND', p);
    }));
  } else if (d.ConditionalOperator) {
    translateLegacy(d, undefined);
  }
  const ectx = exprContext(
    d,
    { ProjectionExpression: d.ProjectionExpression, FilterExpression: d.FilterExpression, KeyConditionExpression: d.KeyConditionExpression },
    ['FilterExpression', 'KeyConditionExpression'],
  );
  const plan = planRead(d, ctx, ectx, legacyProjection);
  const schema = plan.index?.keySchema ?? plan.table.keySchema;
  const keys = keyNamesOf(schema);
  const kc = parseKeyCondition(d.KeyConditionExpression!, ectx, keys);
  ectx.assertAllUsed();
  for (const v of [kc.hash.value, ...(kc.range?.values ?? [])]) {
    const want = plan.table.attributeType(v === kc.hash.value ? keys.hash : keys.range!);
    if (!(want! in v)) throw validation('One or more parameter values were invalid: Condition parameter type does not match schema type');
  }
  if (plan.filter) {
    for (const name of conditionAttributes(plan.filter)) {
      if (name === keys.hash || name === keys.range) {
        throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`);
      }
    }
  }
  const start = checkStartKey(plan, d.ExclusiveStartKey);
  const store = plan.index?.items ?? plan.table.items;
  const entries = store.partition(kc.hash.value)?.entries ?? [];
  let [lo, hi] = rangeBounds(entries, kc);
  const forward = d.ScanIndexForward !== false;
  if (start) {
    if (!sameValue(start[keys.hash], kc.hash.value)) {
      throw validation('The provided starting key is outside query boundaries based on provided conditions');
    }
    const sort = store.sortOf(start) ?? [];
    if (forward) lo = Math.max(lo, lowerBound(entries, sort, true));
    else hi = Math.min(hi, lowerBound(entries, sort));
  }
  return readPage(plan, d, ctx, walk(entries, lo, Math.max(lo, hi), forward));
}
