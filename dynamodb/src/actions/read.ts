// What Query and Scan share: Select rules, index resolution, legacy translation, and the page
// loop (Limit counts items evaluated before the filter, a page stops at 1 MB, Count is after
// the filter, ScannedCount before): https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html

import { Consumed, itemSize, readUnits } from '../capacity.ts';
import { validation } from '../errors.ts';
import {
  evaluateCondition,
  parseCondition,
  parseProjection,
  project,
  type Condition,
  type ExprContext,
  type Projection,
} from '../expressions/index.ts';
import type { Entry } from '../storage/sorted.ts';
import type { Index, Table } from '../storage/table.ts';
import type { Item, Key, KeySchema } from '../types.ts';
import type { ReadInput, Select } from '../validation/reads.ts';
import type { OpContext } from './context.ts';
import { activeTable, checkKeyPart } from './items.ts';
import { conditionExpression, type LegacyCondition, Placeholders, projectionExpression } from './legacy.ts';

const PAGE_BYTES = 1024 * 1024;

export interface ReadPlan {
  table: Table;
  index?: Index;
  select: Select;
  filter?: Condition;
  projection?: Projection;
  /** LSI reads of attributes outside the projection fetch the table item. */
  fetchFromTable: boolean;
}

/** Translates legacy QueryFilter/ScanFilter and AttributesToGet into expressions on `d` (mutates it). */
export function translateLegacy(d: ReadInput, legacyFilter: Record<string, LegacyCondition> | undefined): void {
  if (d.ConditionalOperator && !legacyFilter) {
    throw validation('ConditionalOperator can only be used when Expected or KeyConditions or QueryFilter or ScanFilter is present');
  }
  if (!legacyFilter && !d.AttributesToGet) return;
  const p = new Placeholders();
  if (legacyFilter) d.FilterExpression = conditionExpression(legacyFilter, d.ConditionalOperator, p);
  if (d.AttributesToGet) d.ProjectionExpression = projectionExpression(d.AttributesToGet, p);
  if (Object.keys(p.names).length) d.ExpressionAttributeNames = p.names;
  if (Object.keys(p.values).length) d.ExpressionAttributeValues = p.values;
}

/** Select rules from the Query/Scan API reference, with the messages DynamoDB answers. */
function resolveSelect(d: ReadInput, legacyProjection: boolean): Select {
  const what = legacyProjection ? 'AttributesToGet' : 'ProjectionExpression';
  const hasProjection = d.ProjectionExpression !== undefined;
  if (d.Select === 'SPECIFIC_ATTRIBUTES' && !hasProjection) {
    throw validation('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  }
  if (d.Select && d.Select !== 'SPECIFIC_ATTRIBUTES' && hasProjection) {
    const choice = d.Select === 'COUNT' ? 'only the Count' : d.Select;
    throw validation(`Cannot specify the ${what} when choosing to get ${choice}`);
  }
  if (d.Select === 'ALL_PROJECTED_ATTRIBUTES' && !d.IndexName) {
    throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  }
  if (d.Select) return d.Select;
  if (hasProjection) return 'SPECIFIC_ATTRIBUTES';
  return d.IndexName ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES';
}

/** Top-level attribute names a condition reads (to keep key attributes out of Query filters). */
export function conditionAttributes(c: Condition, out = new Set<string>()): Set<string> {
  const operand = (o: unknown): void => {
    const op = o as { kind: string; elements?: unknown[]; args?: unknown[] };
    if (op.kind === 'path') out.add(op.elements![0] as string);
    if (op.kind === 'function') op.args!.forEach(operand);
  };
  switch (c.kind) {
    case 'compare':
      operand(c.left);
      operand(c.right);
      break;
    case 'between':
      [c.operand, c.low, c.high].forEach(operand);
      break;
    case 'in':
      [c.operand, ...c.list].forEach(operand);
      break;
    case 'call':
      operand(c.call);
      break;
    case 'not':
      conditionAttributes(c.operand, out);
      break;
    default:
      conditionAttributes(c.left, out);
      conditionAttributes(c.right, out);
  }
  return out;
}

export function planRead(d: ReadInput, ctx: OpContext, ectx: ExprContext, legacyProjection: boolean): ReadPlan {
  const select = resolveSelect(d, legacyProjection);
  const filter = d.FilterExpression !== undefined ? parseCondition(d.FilterExpression, ectx, 'FilterExpression') : undefined;
  const projection = d.ProjectionExpression !== undefined ? parseProjection(d.ProjectionExpression, ectx) : undefined;
  const table = activeTable(ctx, d.TableName);
  ctx.note({ table: d.TableName, index: d.IndexName });
  let index: Index | undefined;
  if (d.IndexName !== undefined) {
    index = table.indexes.get(d.IndexName);
    if (!index) throw validation(`The table does not have the specified index: ${d.IndexName}`);
    if (index.global && d.ConsistentRead) throw validation('Consistent reads are not supported on global secondary indexes');
    if (index.global && Date.now() < index.activeAt) throw validation(`Cannot read from backfilling global secondary index: ${index.name}`);
    if (index.global && select === 'ALL_ATTRIBUTES' && index.projection.ProjectionType !== 'ALL') {
      throw validation(
        `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
      );
    }
  }
  // Attributes asked for that the index does not hold: a GSI refuses them, an LSI fetches the
  // table item for them (and only then: "If you query or scan a local secondary index and request
  // only attributes that are projected into that index, the operation will read only the index and
  // not the table" — Select in https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html).
  const missing = index && projection ? unprojected(table, index, projection.paths.map((p) => p[0] as string)) : [];
  if (index?.global && missing.length) {
    throw validation(`One or more parameter values were invalid: Global secondary index ${index.name} does not project [${missing.join(', ')}]`);
  }
  const fetchFromTable =
    !!index && !index.global && index.projection.ProjectionType !== 'ALL' && (select === 'ALL_ATTRIBUTES' || missing.length > 0);
  return { table, index, select, filter, projection, fetchFromTable };
}

/** Names (deduplicated, in the order given) that an index does not project; none for ALL. */
export function unprojected(table: Table, index: Index, names: Iterable<string>): string[] {
  if (index.projection.ProjectionType === 'ALL') return [];
  const held = new Set([table.keys.hash, table.keys.range, index.keys.hash, index.keys.range, ...(index.projection.NonKeyAttributes ?? [])]);
  return [...new Set(names)].filter((n) => !held.has(n));
}

/**
 * A Query's filter may only name attributes the index holds, on GSIs and LSIs alike and whatever
 * Select says (DynamoDB filters before any table fetch). Message and sorted list as DynamoDB Local
 * (QueryFunction.validateQueryFilterAndFilterExprOnIndex) gives them.
 */
export function checkFilterProjected(plan: ReadPlan): void {
  if (!plan.index || !plan.filter) return;
  const missing = unprojected(plan.table, plan.index, conditionAttributes(plan.filter)).sort();
  if (missing.length) {
    throw validation(
      `One or more parameter values were invalid: Secondary index ${plan.index.name} does not project one or more filter attributes: [${missing.join(', ')}]`,
    );
  }
}

/** Key schema a read's ExclusiveStartKey / LastEvaluatedKey uses: table key plus index key. */
export function startKeySchema(plan: ReadPlan): KeySchema {
  const schema = [...plan.table.keySchema];
  for (const el of plan.index?.keySchema ?? []) if (!schema.some((s) => s.AttributeName === el.AttributeName)) schema.push(el);
  return schema;
}

/**
 * Checks a Scan's ExclusiveStartKey: exactly the start-key attributes with their defined types
 * (values were checked with the request). Query has its own checks (Query.ts).
 */
export function checkScanStartKey(plan: ReadPlan, key: Key | undefined): Key | undefined {
  if (!key) return undefined;
  const schema = startKeySchema(plan);
  const ok =
    Object.keys(key).length === schema.length &&
    schema.every((el) => key[el.AttributeName] && plan.table.attributeType(el.AttributeName)! in key[el.AttributeName]!);
  if (!ok) {
    throw validation(
      plan.index ? 'The provided starting key is invalid' : 'The provided starting key is invalid: The provided key element does not match the schema',
    );
  }
  for (const el of schema) checkKeyPart(key[el.AttributeName]!, el.AttributeName, el.KeyType === 'HASH', 'The provided starting key is invalid: ');
  return key;
}

/** Runs the page loop over entries in read order and builds the response; `partitionKey` for a Query (hot-key limits). */
export function readPage(plan: ReadPlan, d: ReadInput, ctx: OpContext, entries: Iterable<Entry>, partitionKey?: string): Record<string, unknown> {
  const { table, index } = plan;
  ctx.server.throttle.check(table, 'read', index?.name, partitionKey);
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let readBytes = 0;
  // An LSI's table fetches are reads of single items: each rounds up to its own 4 KB units and
  // is charged to the table (as DynamoDB Local reports it), the index read to the index.
  let fetchUnits = 0;
  let last: Item | undefined;
  const full = () => (d.Limit !== undefined && scanned >= d.Limit) || bytes >= PAGE_BYTES;
  for (const entry of entries) {
    if (full()) break;
    let item = index ? table.project(index, entry.item) : entry.item;
    const size = itemSize(item);
    bytes += size;
    readBytes += size;
    if (plan.fetchFromTable) {
      item = entry.item;
      const fetched = itemSize(item);
      bytes += fetched;
      fetchUnits += readUnits(fetched, !!d.ConsistentRead);
    }
    scanned++;
    last = entry.item;
    if (plan.filter && !evaluateCondition(plan.filter, item)) continue;
    items.push(plan.projection ? project(plan.projection, item) : item);
  }
  const consumed = new Consumed(d.TableName, 'read');
  const units = readUnits(readBytes, !!d.ConsistentRead);
  if (index) consumed.addIndex(index.name, index.global, units);
  else consumed.tableUnits = units;
  consumed.tableUnits += fetchUnits;
  ctx.server.throttle.consume(table, consumed, index?.name, partitionKey);
  ctx.note({ count: items.length, scannedCount: scanned, consumedCapacity: consumed.total });
  const out: Record<string, unknown> = { Count: items.length, ScannedCount: scanned };
  if (plan.select !== 'COUNT') out.Items = items;
  // Like DynamoDB, a page that ends on its Limit or size carries LastEvaluatedKey even when
  // nothing follows; the next page is then empty.
  if (full() && last) {
    const lek: Key = {};
    for (const el of startKeySchema(plan)) lek[el.AttributeName] = last[el.AttributeName]!;
    out.LastEvaluatedKey = lek;
  }
  const cc = consumed.toJSON(d.ReturnConsumedCapacity);
  if (cc) out.ConsumedCapacity = cc;
  return out;
}
