// An ordered item collection: partitions found by hash in O(1), each holding its items sorted
// by a tuple of sort attributes (binary search, so Query is O(log n + k)).
// Partitions themselves are ordered by a hash token of the partition key, which is what makes a
// Scan look unordered the way DynamoDB's does, and lets Segment/TotalSegments split the token
// space evenly (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan).

import { compareKeyValues, compareUtf8, keyString } from '../attributes.ts';
import type { AttributeValue, Item } from '../types.ts';

export interface Entry {
  sort: AttributeValue[];
  item: Item;
}

export interface Partition {
  key: string;
  token: number;
  hash: AttributeValue;
  entries: Entry[];
}

/**
 * FNV-1a over the type-tagged key text, then MurmurHash3's finaliser so similar keys
 * (user#1, user#2, ...) spread evenly over all 32 bits: cheap and stable.
 */
export function tokenOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function compareTuples(a: AttributeValue[], b: AttributeValue[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareKeyValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function comparePartitions(a: Partition, b: Partition): number {
  return a.token - b.token || compareUtf8(a.key, b.key);
}

/** First index in `entries` whose sort tuple is >= `sort` (or > with `after`). */
export function lowerBound(entries: Entry[], sort: AttributeValue[], after = false): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareTuples(entries[mid]!.sort, sort);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose leading sort value is >= v (> v with `after`). */
export function boundFirst(entries: Entry[], v: AttributeValue, after = false): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeyValues(entries[mid]!.sort[0]!, v);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index >= from whose leading sort value does not start with the prefix (the run is contiguous). */
export function prefixEnd(entries: Entry[], from: number, prefix: AttributeValue): number {
  const starts = (v: AttributeValue) =>
    'S' in prefix
      ? (v as { S: string }).S.startsWith(prefix.S)
      : Buffer.from((v as { B: string }).B, 'base64').subarray(0, Buffer.byteLength((prefix as { B: string }).B, 'base64'))
          .equals(Buffer.from((prefix as { B: string }).B, 'base64'));
  let lo = from;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts(entries[mid]!.sort[0]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedItems {
  readonly hashName: string;
  readonly sortNames: string[];
  private readonly partitions = new Map<string, Partition>();
  private order: Partition[] = [];
  private dirty = false;
  size = 0;

  constructor(hashName: string, sortNames: string[]) {
    this.hashName = hashName;
    this.sortNames = sortNames;
  }

  /** Sort tuple of an item, or undefined when it lacks an attribute (sparse indexes skip it). */
  sortOf(item: Item): AttributeValue[] | undefined {
    const sort: AttributeValue[] = [];
    for (const name of this.sortNames) {
      const v = item[name];
      if (!v) return undefined;
      sort.push(v);
    }
    return sort;
  }

  partition(hash: AttributeValue): Partition | undefined {
    return this.partitions.get(keyString(hash));
  }

  /** Inserts or replaces the item with the same key; returns the replaced item. */
  put(item: Item): Item | undefined {
    const hash = item[this.hashName];
    const sort = this.sortOf(item);
    if (!hash || !sort) return undefined;
    const key = keyString(hash);
    let p = this.partitions.get(key);
    if (!p) {
      p = { key, token: tokenOf(key), hash, entries: [] };
      this.partitions.set(key, p);
      this.order.push(p);
      this.dirty = true;
    }
    const i = lowerBound(p.entries, sort);
    const at = p.entries[i];
    if (at && compareTuples(at.sort, sort) === 0) {
      const old = at.item;
      at.item = item;
      return old;
    }
    p.entries.splice(i, 0, { sort, item });
    this.size++;
    return undefined;
  }

  /** Removes the entry with the item's key; returns whether something was removed. */
  delete(item: Item): boolean {
    const hash = item[this.hashName];
    const sort = this.sortOf(item);
    if (!hash || !sort) return false;
    const p = this.partitions.get(keyString(hash));
    if (!p) return false;
    const i = lowerBound(p.entries, sort);
    const at = p.entries[i];
    if (!at || compareTuples(at.sort, sort) !== 0) return false;
    p.entries.splice(i, 1);
    this.size--;
    if (!p.entries.length) {
      this.partitions.delete(p.key);
      this.dirty = true;
    }
    return true;
  }

  get(key: Item): Item | undefined {
    const hash = key[this.hashName];
    const sort = this.sortOf(key);
    if (!hash || !sort) return undefined;
    const p = this.partitions.get(keyString(hash));
    if (!p) return undefined;
    const at = p.entries[lowerBound(p.entries, sort)];
    return at && compareTuples(at.sort, sort) === 0 ? at.item : undefined;
  }

  /** Partitions in scan order. Re-sorted lazily after partitions come or go. */
  ordered(): Partition[] {
    if (this.dirty) {
      this.order = this.order.filter((p) => this.partitions.get(p.key) === p);
      this.order.sort(comparePartitions);
      this.dirty = false;
    }
    return this.order;
  }

  /**
   * Scan order from a position: yields entries of partitions whose token lies in [from, to),
   * starting strictly after `start` (an item holding the start key) when given.
   */
  *scan(from: number, to: number, start?: Item): Generator<Entry> {
    const order = this.ordered();
    let pi = 0;
    let ei = 0;
    if (start) {
      const hash = start[this.hashName]!;
      const key = keyString(hash);
      const probe: Partition = { key, token: tokenOf(key), hash, entries: [] };
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (comparePartitions(order[mid]!, probe) < 0) lo = mid + 1;
        else hi = mid;
      }
      pi = lo;
      if (order[pi]?.key === key) {
        const sort = this.sortOf(start) ?? [];
        ei = lowerBound(order[pi]!.entries, sort, true);
      }
    } else {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (order[mid]!.token < from) lo = mid + 1;
        else hi = mid;
      }
      pi = lo;
    }
    for (; pi < order.length; pi++, ei = 0) {
      const p = order[pi]!;
      if (p.token >= to) return;
      if (p.token < from) continue;
      for (; ei < p.entries.length; ei++) yield p.entries[ei]!;
    }
  }

  *all(): Generator<Item> {
    for (const p of this.partitions.values()) for (const e of p.entries) yield e.item;
  }
}
