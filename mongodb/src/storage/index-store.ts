// One secondary (or _id) index: a sorted array of (key tuple, document id) entries, kept in
// BSON order. Inserts land in a pending buffer that is merged on the next read, so bulk loads
// cost one sort instead of one splice per document.
import type { Document } from 'bson';
import type { Query } from 'mingo/query';
import { compileFilter } from '../query/mingo.ts';
import { compareBson, keyString, typeRank } from './bson-order.ts';
import { indexKeys } from './index-keys.ts';
import { errors } from '../errors.ts';

export interface IndexSpec {
  v: 2;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/** `dead` marks a removed entry until the next compaction (removal stays O(log n)). */
interface Entry { key: unknown[]; id: string; dead?: boolean }

/** A bound on one index field: a set of points, or an interval within one BSON type bracket. */
export type FieldBound =
  | { kind: 'points'; values: unknown[] }
  | { kind: 'range'; rank: number; lo?: unknown; loInc: boolean; hi?: unknown; hiInc: boolean };

const RANK_START = Symbol('rankStart');
type Probe = unknown | { [RANK_START]: number };

function cmpComponent(v: unknown, p: Probe): number {
  if (p && typeof p === 'object' && RANK_START in (p as object)) {
    const r = typeRank(v);
    const pr = (p as { [RANK_START]: number })[RANK_START];
    return r < pr ? -1 : 1;
  }
  return compareBson(v, p);
}

export class IndexStore {
  readonly spec: IndexSpec;
  readonly fields: string[];
  multikey = false;
  private entries: Entry[] = [];
  private pending: Entry[] = [];
  private dead = 0;
  private unique?: Map<string, string>;
  private partial?: Query;
  private ns: string;

  constructor(spec: IndexSpec, ns: string) {
    this.spec = spec;
    this.ns = ns;
    this.fields = Object.keys(spec.key);
    if (spec.unique) this.unique = new Map();
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
  }

  private keysFor(doc: Document): unknown[][] {
    // Text indexes are evaluated by the $text matcher (query/text.ts), not by key ranges.
    if (this.spec.weights) return [];
    if (this.partial && !this.partial.test(doc)) return [];
    const { keys, allMissing, multikey } = indexKeys(doc, this.fields);
    if (this.spec.sparse && allMissing) return [];
    if (multikey) this.multikey = true;
    return keys;
  }

  /** Throws E11000 if inserting `doc` (id `id`) would duplicate a unique key. */
  check(doc: Document, id: string, ignore?: Set<string>): void {
    if (!this.unique) return;
    for (const key of this.keysFor(doc)) {
      const owner = this.unique.get(keyString(key));
      if (owner !== undefined && owner !== id && !ignore?.has(owner)) throw this.duplicate(key);
    }
  }

  duplicate(key: unknown[]): Error {
    const keyValue: Document = {};
    this.fields.forEach((f, i) => (keyValue[f] = key[i]));
    const shown = this.fields.map((f, i) => `${f}: ${formatValue(key[i])}`).join(', ');
    return errors.duplicateKey(
      `E11000 duplicate key error collection: ${this.ns} index: ${this.spec.name} dup key: { ${shown} }`,
      { ...this.spec.key },
      keyValue,
    );
  }

  add(doc: Document, id: string): void {
    for (const key of this.keysFor(doc)) {
      this.pending.push({ key, id });
      this.unique?.set(keyString(key), id);
    }
  }

  remove(doc: Document, id: string): void {
    const keys = this.keysFor(doc);
    if (keys.length === 0) return;
    this.flush();
    for (const key of keys) {
      if (this.unique?.get(keyString(key)) === id) this.unique.delete(keyString(key));
      let i = this.lowerBound(key, false);
      while (i < this.entries.length && compareKeys(this.entries[i].key, key) === 0) {
        const e = this.entries[i];
        if (e.id === id && !e.dead) {
          e.dead = true;
          this.dead++;
          break;
        }
        i++;
      }
    }
    if (this.dead > 64 && this.dead * 4 > this.entries.length) this.compact();
  }

  private compact(): void {
    this.entries = this.entries.filter((e) => !e.dead);
    this.dead = 0;
  }

  get size(): number { return this.entries.length - this.dead + this.pending.length; }

  /** True when `a` and `b` produce the same index entries (an update can skip this index). */
  sameKeys(a: Document, b: Document): boolean {
    const ka = this.keysFor(a), kb = this.keysFor(b);
    return ka.length === kb.length && ka.every((k, i) => keyString(k) === keyString(kb[i]));
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    // A few stragglers are cheaper to splice in than to merge the whole array.
    if (this.pending.length <= 16 && this.entries.length > 64) {
      for (const e of this.pending) this.entries.splice(this.lowerBound(e.key, true), 0, e);
      this.pending = [];
      return;
    }
    if (this.dead) this.compact();
    this.pending.sort((a, b) => compareKeys(a.key, b.key));
    if (this.entries.length === 0) this.entries = this.pending;
    else {
      const merged: Entry[] = [];
      let i = 0, j = 0;
      while (i < this.entries.length || j < this.pending.length) {
        if (j >= this.pending.length || (i < this.entries.length && compareKeys(this.entries[i].key, this.pending[j].key) <= 0)) merged.push(this.entries[i++]);
        else merged.push(this.pending[j++]);
      }
      this.entries = merged;
    }
    this.pending = [];
  }

  /** First entry index whose key is >= probe (or > probe when `after`). */
  private lowerBound(probe: Probe[], after: boolean): number {
    let lo = 0, hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let c = 0;
      const k = this.entries[mid].key;
      for (let i = 0; i < probe.length && c === 0; i++) c = cmpComponent(k[i], probe[i]);
      if (c < 0 || (c === 0 && after)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Document ids within `bounds` (a prefix of the index fields; empty = the whole index), lazily
   * in index order or reversed, so a consumer that stops early (sort + limit) examines only the
   * keys it needed. `keyFilter` tests the whole key before the document is fetched, as mongod
   * filters on index keys inside IXSCAN. Every live key visited counts in `stats.keysExamined`.
   */
  *walk(bounds: FieldBound[], opts: { backward?: boolean; keyFilter?: (key: unknown[]) => boolean; stats: { keysExamined: number } }): Generator<string> {
    this.flush();
    const last = bounds[bounds.length - 1];
    const pointFields = last?.kind === 'range' ? bounds.slice(0, -1) : bounds;
    let prefixes: unknown[][] = [[]];
    for (const b of pointFields) {
      const vals = [...(b as { values: unknown[] }).values].sort(compareBson);
      prefixes = prefixes.flatMap((p) => vals.map((v) => [...p, v]));
    }
    const ranges = prefixes.map((prefix): [number, number] => {
      if (last?.kind !== 'range') return [this.lowerBound(prefix, false), this.lowerBound(prefix, true)];
      const start = last.lo === undefined ? this.lowerBound([...prefix, { [RANK_START]: last.rank }], false) : this.lowerBound([...prefix, last.lo], !last.loInc);
      const end = last.hi === undefined ? this.lowerBound([...prefix, { [RANK_START]: last.rank + 1 }], false) : this.lowerBound([...prefix, last.hi], last.hiInc);
      return [start, Math.max(start, end)];
    });
    if (opts.backward) ranges.reverse();
    const entries = this.entries;
    for (const [start, end] of ranges) {
      for (let n = 0; n < end - start; n++) {
        const e = entries[opts.backward ? end - 1 - n : start + n];
        if (e.dead) continue;
        opts.stats.keysExamined++;
        if (opts.keyFilter && !opts.keyFilter(e.key)) continue;
        yield e.id;
      }
    }
  }
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareBson(a[i], b[i]);
    if (c) return c;
  }
  return 0;
}

/** Renders a key value the way the server's E11000 message does: strings quoted, others shell-like. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'ObjectId') return `ObjectId('${String(v)}')`;
  if (Array.isArray(v)) return '[ ' + v.map(formatValue).join(', ') + ' ]';
  if (typeof v === 'object' && !(v as { _bsontype?: string })._bsontype) return '{ ' + Object.entries(v as object).map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ') + ' }';
  return String(v);
}
