// One table: its metadata (what DescribeTable reports), the primary item collection and one
// collection per secondary index. Every write goes through `commit`, which keeps indexes,
// counters and the change feed in step.
// Index layout: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
// (sparse: items lacking an index key attribute are not in the index).

import { itemSize, writeUnits, type Consumed } from '../capacity.ts';
import type {
  AttributeDefinition,
  BillingMode,
  IndexProjection,
  Item,
  Key,
  KeyNames,
  KeySchema,
  ScalarAttributeType,
  StreamViewType,
} from '../types.ts';
import { Change, type ChangeFeed, type ChangeRecord } from './changes.ts';
import { compareTuples, SortedItems } from './sorted.ts';
import { keyString, sameValue } from '../attributes.ts';

/** Two items with the same attributes and values. */
function sameItem(a: Item, b: Item): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((n) => sameValue(a[n], b[n]));
}

export const ACCOUNT_ID = '000000000000';

export interface Throughput {
  read: number;
  write: number;
  lastIncrease?: number;
  lastDecrease?: number;
  decreasesToday: number;
}

export interface Index {
  name: string;
  global: boolean;
  keySchema: KeySchema;
  keys: KeyNames;
  projection: IndexProjection;
  items: SortedItems;
  throughput?: Throughput;
  /** Epoch ms from which a new GSI reports ACTIVE. */
  activeAt: number;
  deleting?: boolean;
}

export interface StreamState {
  enabled: boolean;
  viewType?: StreamViewType;
  arn?: string;
  label?: string;
}

export const SERVICE_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

export function keyNamesOf(schema: KeySchema): KeyNames {
  const hash = schema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const range = schema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return range ? { hash, range } : { hash };
}

export interface CommitOptions {
  consumed?: Consumed;
  userIdentity?: ChangeRecord['userIdentity'];
  /** Commit time (epoch ms); replicated writes keep their origin's time. */
  at?: number;
  /** Set when a global-table replica applies another region's write. */
  replicated?: boolean;
  /** Region the write was made in (replicated writes: the origin's). */
  origin?: string;
}

/** Identity of an item within its table. */
export function keyIdOf(table: Table, key: Key): string {
  const hash = keyString(key[table.keys.hash]!);
  return table.keys.range ? `${hash}\u0000${keyString(key[table.keys.range]!)}` : hash;
}

export interface TableInit {
  namespace: string;
  region: string;
  name: string;
  attributeDefinitions: AttributeDefinition[];
  keySchema: KeySchema;
  billingMode: BillingMode;
  throughput?: { read: number; write: number };
  activeAt: number;
}

export class Table {
  readonly namespace: string;
  readonly region: string;
  readonly name: string;
  readonly id = crypto.randomUUID();
  readonly createdAt = Date.now();
  readonly arn: string;
  attributeDefinitions: AttributeDefinition[];
  readonly keySchema: KeySchema;
  readonly keys: KeyNames;
  billingMode: BillingMode;
  throughput: Throughput;
  readonly indexes = new Map<string, Index>();
  readonly items: SortedItems;
  stream: StreamState = { enabled: false };
  deletionProtection = false;
  tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS' = 'STANDARD';
  ttl?: { attribute: string; enabled: boolean };
  readonly tags = new Map<string, string>();
  activeAt: number;
  sizeBytes = 0;
  /** Global table membership: the shared set of replica regions, and last write per item (LWW). */
  replicaRegions?: Set<string>;
  lastWrite?: Map<string, { at: number; region: string }>;
  private feed?: ChangeFeed;

  constructor(init: TableInit, feed?: ChangeFeed) {
    this.namespace = init.namespace;
    this.region = init.region;
    this.name = init.name;
    this.arn = `arn:aws:dynamodb:${init.region}:${ACCOUNT_ID}:table/${init.name}`;
    this.attributeDefinitions = init.attributeDefinitions;
    this.keySchema = init.keySchema;
    this.keys = keyNamesOf(init.keySchema);
    this.billingMode = init.billingMode;
    this.throughput = { read: init.throughput?.read ?? 0, write: init.throughput?.write ?? 0, decreasesToday: 0 };
    this.activeAt = init.activeAt;
    this.items = new SortedItems(this.keys.hash, this.keys.range ? [this.keys.range] : []);
    this.feed = feed;
  }

  get status(): 'CREATING' | 'ACTIVE' {
    return Date.now() >= this.activeAt ? 'ACTIVE' : 'CREATING';
  }

  get itemCount(): number {
    return this.items.size;
  }

  attributeType(name: string): ScalarAttributeType | undefined {
    return this.attributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType;
  }

  /** Adds an index and, for a GSI added later, backfills it from the table's items. */
  addIndex(spec: Omit<Index, 'keys' | 'items'>): Index {
    const keys = keyNamesOf(spec.keySchema);
    // Tie-break equal index keys by the table key so every item has exactly one slot.
    const sortNames = [...new Set([keys.range, this.keys.hash, this.keys.range])].filter(
      (n): n is string => !!n && n !== keys.hash,
    );
    const index: Index = { ...spec, keys, items: new SortedItems(keys.hash, sortNames) };
    for (const item of this.items.all()) index.items.put(item);
    this.indexes.set(spec.name, index);
    return index;
  }

  keyOf(item: Item): Key {
    const key: Key = { [this.keys.hash]: item[this.keys.hash]! };
    if (this.keys.range) key[this.keys.range] = item[this.keys.range]!;
    return key;
  }

  get(key: Key): Item | undefined {
    return this.items.get(key);
  }

  /** Attributes an index holds for an item, per its Projection. */
  project(index: Index, item: Item): Item {
    if (index.projection.ProjectionType === 'ALL') return item;
    const keep = new Set([this.keys.hash, this.keys.range, index.keys.hash, index.keys.range]);
    if (index.projection.ProjectionType === 'INCLUDE') for (const a of index.projection.NonKeyAttributes ?? []) keep.add(a);
    const out: Item = {};
    for (const name in item) if (keep.has(name)) out[name] = item[name]!;
    return out;
  }

  /**
   * Applies a write (newItem undefined = delete) for the item with `key`, updates indexes and
   * counters, emits the change and adds index write units to `opts.consumed`. Returns the old item.
   */
  commit(key: Key, newItem: Item | undefined, opts: CommitOptions = {}): Item | undefined {
    const { consumed, userIdentity } = opts;
    const old = this.items.get(key);
    const at = opts.at ?? Date.now();
    if (this.lastWrite) this.lastWrite.set(keyIdOf(this, key), { at, region: opts.origin ?? this.region });
    if (!old && !newItem) return undefined;
    if (newItem) this.items.put(newItem);
    else this.items.delete(old!);
    this.sizeBytes += itemSize(newItem) - itemSize(old);
    for (const index of this.indexes.values()) {
      const wasIn = !!old && index.items.delete(old);
      if (newItem) index.items.put(newItem);
      const isIn = !!newItem && !!index.items.get(newItem);
      if (!consumed || (!wasIn && !isIn)) continue;
      const units = this.indexWriteUnits(index, wasIn ? old : undefined, isIn ? newItem : undefined);
      if (units > 0) consumed.addIndex(index.name, index.global, units);
    }
    this.feed?.emit(
      new Change({
        namespace: this.namespace,
        region: this.region,
        table: this.name,
        keys: key,
        oldImage: old,
        newImage: newItem,
        userIdentity,
        at,
        replicated: opts.replicated,
      }),
    );
    return old;
  }

  /**
   * Index writes for one table write, as the GSI/LSI guides' "Provisioned throughput
   * considerations" list them: an item entering or leaving the index costs one write, a changed
   * index key two (delete plus put), a change to projected attributes only one, and a write that
   * leaves everything the index holds as it was costs nothing (like an item that is in the index
   * neither before nor after). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes
   */
  private indexWriteUnits(index: Index, before: Item | undefined, after: Item | undefined): number {
    if (!before || !after) return writeUnits(itemSize(this.project(index, (after ?? before)!)));
    const keyChanged =
      compareTuples(index.items.sortOf(before)!, index.items.sortOf(after)!) !== 0 || !sameValue(before[index.keys.hash], after[index.keys.hash]);
    const held = this.project(index, after);
    if (keyChanged) return 2 * writeUnits(itemSize(held));
    return sameItem(this.project(index, before), held) ? 0 : writeUnits(itemSize(held));
  }

  indexSize(index: Index): { count: number; bytes: number } {
    let bytes = 0;
    let count = 0;
    for (const item of index.items.all()) {
      count++;
      bytes += itemSize(this.project(index, item));
    }
    return { count, bytes };
  }

  /** Stops publishing changes (the table was deleted). */
  detach(): void {
    this.feed = undefined;
  }
}
