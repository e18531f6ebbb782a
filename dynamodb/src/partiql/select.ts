// SELECT: a Query when the WHERE clause pins the partition key (= or IN), a Scan otherwise,
// through the same page loop as the Query and Scan operations (../actions/read.ts): Limit
// counts items read before the filter, pages stop at 1 MB, capacity and the operation log
// are those of the underlying read, which the log records as `Query` or `Scan`.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html

import { compareKeyValues, keyString, sameValue } from '../attributes.ts';
import type { CapacityMode } from '../capacity.ts';
import { validation } from '../errors.ts';
import type { KeyCondition } from '../expressions/index.ts';
import { activeTable } from '../actions/items.ts';
import { rangeBounds } from '../actions/Query.ts';
import type { OpContext } from '../actions/context.ts';
import { checkFilterProjected, readPage, unprojected, type ReadPlan } from '../actions/read.ts';
import { lowerBound, type Entry, type SortedItems } from '../storage/sorted.ts';
import { keyNamesOf } from '../storage/table.ts';
import type { AttributeValue, Item, Key } from '../types.ts';
import {
  CONSISTENT_READ_ON_GSI,
  ORDER_BY_NEEDS_HASH,
  ORDER_BY_WITHOUT_HASH,
  ORDER_BY_WITHOUT_WHERE,
  orderByNotKey,
} from './errors.ts';
import { partitionValues, rangeCondition } from './keys.ts';
import { decodeToken, encodeToken } from './paging.ts';
import type { SelectStatement } from './parser.ts';
import { projectColumns } from './projection.ts';

export interface SelectOptions {
  Limit?: number;
  ConsistentRead?: boolean;
  NextToken?: string;
  ReturnConsumedCapacity?: CapacityMode;
  /** requestDigest of the statement and parameters (paging.ts). */
  digest: string;
}

const TOKENS = 2 ** 32;

/** Entries of the pinned partitions in order, resuming strictly after `start` when given. */
function* queryEntries(
  store: SortedItems,
  hash: string,
  hashes: AttributeValue[],
  range: KeyCondition['range'],
  forward: boolean,
  start: Item | undefined,
): Generator<Entry> {
  let first = 0;
  if (start) {
    first = hashes.findIndex((h) => sameValue(h, start[hash]));
    if (first < 0) return;
  }
  for (let i = first; i < hashes.length; i++) {
    const entries = store.partition(hashes[i]!)?.entries ?? [];
    let [lo, hi] = rangeBounds(entries, range);
    if (start && i === first) {
      const sort = store.sortOf(start) ?? [];
      if (forward) lo = Math.max(lo, lowerBound(entries, sort, true));
      else hi = Math.min(hi, lowerBound(entries, sort));
    }
    if (forward) for (let j = lo; j < hi; j++) yield entries[j]!;
    else for (let j = hi - 1; j >= lo; j--) yield entries[j]!;
  }
}

export function runSelect(s: SelectStatement, o: SelectOptions, ctx: OpContext): Record<string, unknown> {
  const table = activeTable(ctx, s.table);
  const index = s.index !== undefined ? table.indexes.get(s.index) : undefined;
  if (s.index !== undefined && !index) throw validation(`The table does not have the specified index: ${s.index}`);
  if (index?.global && o.ConsistentRead) throw validation(CONSISTENT_READ_ON_GSI);
  const keys = keyNamesOf(index?.keySchema ?? table.keySchema);
  const hashes = partitionValues(s.where, keys.hash);
  let forward = true;
  if (s.orderBy.length) {
    if (!s.where) throw validation(ORDER_BY_WITHOUT_WHERE);
    if (!hashes) throw validation(ORDER_BY_WITHOUT_HASH);
    for (const o of s.orderBy) if (o.name !== keys.hash && o.name !== keys.range) throw orderByNotKey(o.name);
    if (hashes.length > 1 && s.orderBy[0]!.name !== keys.hash) throw validation(ORDER_BY_NEEDS_HASH);
    const byHash = s.orderBy.find((o) => o.name === keys.hash);
    if (byHash) hashes.sort((a, b) => (byHash.desc ? -1 : 1) * compareKeyValues(a, b));
    forward = !s.orderBy.find((o) => o.name === keys.range)?.desc;
  }
  // As in Query: a GSI refuses columns it does not project; a local index fetches the table
  // item for them; a read pinned to the index's partition filters only on what it holds.
  const missing = index && s.projection ? unprojected(table, index, s.projection.map((c) => c.path[0] as string)) : [];
  if (index?.global && missing.length) {
    throw validation(`One or more parameter values were invalid: Global secondary index ${index.name} does not project [${missing.join(', ')}]`);
  }
  const plan: ReadPlan = {
    table,
    index,
    select: s.projection ? 'SPECIFIC_ATTRIBUTES' : index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES',
    filter: s.where,
    // The SELECT list is applied to the page below: its columns are not ProjectionExpression paths.
    projection: undefined,
    fetchFromTable: !!index && !index.global && missing.length > 0,
  };
  if (hashes) checkFilterProjected(plan);
  const start = o.NextToken !== undefined ? decodeToken(o.NextToken, o.digest) : undefined;
  ctx.note({ operation: hashes ? 'Query' : 'Scan', table: s.table, index: s.index });
  const store = index?.items ?? table.items;
  const range = hashes && keys.range ? rangeCondition(s.where, keys.range, table.attributeType(keys.range)!) : undefined;
  const entries = hashes ? queryEntries(store, keys.hash, hashes, range, forward, start) : store.scan(0, TOKENS, start);
  const read = { TableName: s.table, Limit: o.Limit, ConsistentRead: o.ConsistentRead, ReturnConsumedCapacity: o.ReturnConsumedCapacity };
  const partition = hashes?.length === 1 ? keyString(hashes[0]!) : undefined;
  const page = readPage(plan, read, ctx, entries, partition);
  const items = page.Items as Item[];
  const out: Record<string, unknown> = { Items: s.projection ? items.map((i) => projectColumns(s.projection!, i)) : items };
  if (page.LastEvaluatedKey) {
    out.NextToken = encodeToken(o.digest, page.LastEvaluatedKey as Key);
    out.LastEvaluatedKey = page.LastEvaluatedKey;
  }
  if (page.ConsumedCapacity) out.ConsumedCapacity = page.ConsumedCapacity;
  return out;
}
