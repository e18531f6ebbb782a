// Query planning: pick an index whose leading fields the filter constrains by equality/$in or a
// range, else scan the collection. The plan is reported by `explain` the way the real server
// shapes it (IXSCAN + FETCH vs COLLSCAN): https://www.mongodb.com/docs/manual/reference/explain-results/
import type { Document } from 'bson';
import { compareBson, typeRank } from './bson-order.ts';
import type { Collection } from './collection.ts';
import type { FieldBound, IndexStore } from './index-store.ts';
import { errors } from '../errors.ts';

export interface Plan {
  index?: IndexStore;
  bounds?: FieldBound[];
  /** The index order satisfies the requested sort (explain then has no SORT stage). */
  providesSort?: boolean;
  /** Execution can walk the index in sort order: forward or backward over our ascending store. */
  walk?: 'forward' | 'backward';
  /** Plan answered a $text query (explain shows TEXT_MATCH over the text index). */
  textSearch?: boolean;
  /** IXSCAN direction relative to the index's declared key directions (explain output). */
  direction?: 'forward' | 'backward';
  /** Bounds on index fields after the scanned prefix, checked on the key before FETCH. */
  keyFilter?: Array<{ pos: number; bound: FieldBound }>;
}

export type SortSpec = Array<[string, 1 | -1] | [string, 1 | -1, 'textScore']>;

/**
 * Whether `ix` yields documents in `sort` order after its single-valued equality prefix, in the
 * index's declared directions or all of them reversed (mongod's rule for avoiding a SORT stage).
 */
function sortFromIndex(ix: IndexStore, bounds: FieldBound[] | undefined, sort: SortSpec): Pick<Plan, 'providesSort' | 'walk' | 'direction'> {
  if (!sort.length || ix.multikey || ix.spec.sparse || ix.spec.partialFilterExpression) return {};
  if (Object.values(ix.spec.key).includes('hashed')) return {};
  let skip = 0;
  for (const b of bounds ?? []) {
    if (b.kind === 'points' && b.values.length === 1) skip++;
    else break;
  }
  const fields = ix.fields.slice(skip);
  // Sorting on a field pinned to one value by equality is a no-op.
  const pinned = new Set(ix.fields.slice(0, skip));
  sort = sort.filter(([f]) => !pinned.has(f));
  if (sort.length === 0) return { providesSort: true, walk: 'forward', direction: 'forward' };
  if (sort.length > fields.length) return {};
  // A range on the first non-equality field must be the first sort field, or order breaks.
  const rest = (bounds ?? []).slice(skip);
  if (rest.length && rest[0].kind === 'points') return {};
  let flip: boolean | undefined;
  if (sort.some((k) => k.length === 3)) return {};
  for (let i = 0; i < sort.length; i++) {
    const [f, dir] = sort[i];
    if (fields[i] !== f) return {};
    const same = Number(ix.spec.key[f]) * dir > 0;
    if (flip === undefined) flip = !same;
    else if (flip === same) return {};
  }
  const dirs = sort.map(([, d]) => d);
  const uniform = dirs.every((d) => d === dirs[0]);
  return { providesSort: true, walk: uniform ? (dirs[0] === 1 ? 'forward' : 'backward') : undefined, direction: flip ? 'backward' : 'forward' };
}

const FULL_SCAN: FieldBound = { kind: 'range', rank: -1, loInc: true, hiInc: true };

export interface ScanResult {
  /** Lazy: keys are examined as candidates are consumed. */
  candidates: Iterable<[string, Document]>;
  /** Updated while `candidates` is iterated. */
  stats: { keysExamined: number };
}

/** Field → bound implied by the filter's top level (and its $and members), when indexable. */
function fieldBounds(filter: Document): Map<string, FieldBound> {
  const out = new Map<string, FieldBound>();
  const visit = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) { v.forEach((x) => visit(x)); continue; }
      if (k.startsWith('$')) continue;
      const b = boundFor(v);
      if (b && !out.has(k)) out.set(k, b);
    }
  };
  visit(filter);
  return out;
}

const isPlainObject = (v: unknown): v is Document => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const indexable = (v: unknown) => !Array.isArray(v) && !(v instanceof RegExp) && !isPlainObject(v) && v !== undefined;

function boundFor(v: unknown): FieldBound | undefined {
  if (!isPlainObject(v)) return indexable(v) ? { kind: 'points', values: [v] } : undefined;
  const keys = Object.keys(v);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return undefined;
  if ('$eq' in v && indexable(v.$eq)) return { kind: 'points', values: [v.$eq] };
  if ('$in' in v && Array.isArray(v.$in) && v.$in.length > 0 && v.$in.every(indexable)) return { kind: 'points', values: v.$in };
  const lo = '$gt' in v ? v.$gt : v.$gte;
  const hi = '$lt' in v ? v.$lt : v.$lte;
  const probe = lo ?? hi;
  if (probe === undefined || !indexable(probe) || probe === null) return undefined;
  if (lo !== undefined && hi !== undefined && typeRank(lo) !== typeRank(hi)) return undefined;
  return { kind: 'range', rank: typeRank(probe), lo, loInc: '$gte' in v && !('$gt' in v), hi, hiInc: '$lte' in v && !('$lt' in v) };
}

export function planWithHint(coll: Collection, filter: Document, hint?: unknown, sort: SortSpec = []): Plan {
  const bounds = fieldBounds(filter);
  if (hint !== undefined && hint !== null) {
    // { $natural: 1 } asks for a collection scan.
    if (isPlainObject(hint) && '$natural' in hint) return {};
    const ix = findHinted(coll, hint);
    const b = boundsFor(ix, bounds) ?? [FULL_SCAN];
    return withKeyFilter({ index: ix, bounds: b, ...sortFromIndex(ix, b[0] === FULL_SCAN ? [] : b, sort) }, bounds);
  }
  let best: Plan = {};
  let bestScore = 0;
  for (const ix of coll.indexes.values()) {
    if (ix.spec.partialFilterExpression || ix.spec.sparse || ix.spec.hidden || ix.spec.weights) continue;
    const b = boundsFor(ix, bounds);
    const order = sortFromIndex(ix, b, sort);
    if (!b && !order.providesSort) continue;
    // Prefer more constrained fields, then equality over range, then a free sort, then unique.
    const score = (b?.length ?? 0) * 8 + (b && b[b.length - 1].kind === 'points' ? 4 : 0) + (order.providesSort ? 2 : 0) + (ix.spec.unique ? 1 : 0);
    if (score > bestScore) { best = { index: ix, bounds: b ?? [FULL_SCAN], ...order }; bestScore = score; }
  }
  return withKeyFilter(best, bounds);
}

/**
 * Filter predicates on index fields the bounds don't cover are checked on each key before the
 * document is fetched (mongod puts them in the IXSCAN's bounds/filter, so FETCH sees only
 * matching keys). Ranges on a multikey index stay on the document: elements may satisfy each end.
 */
function withKeyFilter(plan: Plan, bounds: Map<string, FieldBound>): Plan {
  const ix = plan.index;
  if (!ix || !plan.bounds || ix.spec.weights) return plan;
  const scanned = plan.bounds[0] === FULL_SCAN ? 0 : plan.bounds.length;
  const keyFilter: Array<{ pos: number; bound: FieldBound }> = [];
  ix.fields.forEach((f, pos) => {
    const b = bounds.get(f);
    if (pos < scanned || !b) return;
    if (b.kind === 'range' && (ix.multikey || ix.spec.key[f] === 'hashed')) return;
    keyFilter.push({ pos, bound: b });
  });
  return keyFilter.length ? { ...plan, keyFilter } : plan;
}

function keyInBound(v: unknown, b: FieldBound): boolean {
  if (b.kind === 'points') return b.values.some((x) => compareBson(v, x) === 0);
  if (typeRank(v) !== b.rank) return false;
  if (b.lo !== undefined) {
    const c = compareBson(v, b.lo);
    if (c < 0 || (c === 0 && !b.loInc)) return false;
  }
  if (b.hi !== undefined) {
    const c = compareBson(v, b.hi);
    if (c > 0 || (c === 0 && !b.hiInc)) return false;
  }
  return true;
}

function boundsFor(ix: IndexStore, bounds: Map<string, FieldBound>): FieldBound[] | undefined {
  const out: FieldBound[] = [];
  for (const f of ix.fields) {
    const b = bounds.get(f);
    if (!b) break;
    if (ix.spec.key[f] === 'hashed' && b.kind === 'range') break;
    // A multikey index can't tighten a range with both ends (elements may satisfy each end).
    if (b.kind === 'range' && ix.multikey && b.lo !== undefined && b.hi !== undefined) {
      out.push({ ...b, hi: undefined });
      break;
    }
    out.push(b);
    if (b.kind === 'range') break;
  }
  return out.length ? out : undefined;
}

function findHinted(coll: Collection, hint: unknown): IndexStore {
  if (typeof hint === 'string') {
    const ix = coll.indexes.get(hint);
    if (ix) return ix;
  } else if (isPlainObject(hint)) {
    const want = JSON.stringify(hint);
    for (const ix of coll.indexes.values()) if (JSON.stringify(ix.spec.key) === want) return ix;
  }
  throw errors.badValue('error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
}


/** Runs the plan: candidate documents (still to be filtered), produced lazily, and index statistics. */
export function executePlan(coll: Collection, plan: Plan): ScanResult {
  const stats = { keysExamined: 0 };
  if (!plan.index || !plan.bounds) return { candidates: coll.current(), stats };
  const { index, bounds, keyFilter } = plan;
  const ids = index.walk(bounds[0] === FULL_SCAN ? [] : bounds, {
    backward: plan.walk === 'backward',
    keyFilter: keyFilter && ((key) => keyFilter.every(({ pos, bound }) => keyInBound(key[pos], bound))),
    stats,
  });
  return { candidates: fetch(coll, ids), stats };
}

/** FETCH: each document once (a multikey index yields one key per array element). */
function* fetch(coll: Collection, ids: Iterable<string>): Generator<[string, Document]> {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const d = coll.get(id);
    if (d) yield [id, d];
  }
}
