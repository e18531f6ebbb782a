// The stream records of every table with a stream, fed by the storage change hook.
// Model (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html):
// - a stream belongs to one enabling of a table's stream; disabling and enabling again gives a
//   new stream (new ARN and label) while the old one stays readable, DISABLED, until its
//   records age out;
// - a stream is a list of shards; the open shard is closed and a child shard opened once it is
//   `shardMaxAgeMs` old (DynamoDB rolls shards over roughly every four hours);
// - records are kept for `retentionMs` (24 hours) and then trimmed;
// - sequence numbers increase across the whole server and are 21-digit decimal strings.

import { randomBytes } from 'node:crypto';
import { valuesEqual } from '../expressions/index.ts';
import type { ChangeRecord } from '../storage/changes.ts';
import type { Store } from '../storage/store.ts';
import type { Table } from '../storage/table.ts';
import type { KeySchema, StreamViewType } from '../types.ts';
import { buildRecord, type WireStreamRecord } from './records.ts';

export interface StoredRecord {
  seq: bigint;
  at: number;
  wire: WireStreamRecord;
}

export interface Shard {
  id: string;
  parentId?: string;
  /** The shard's StartingSequenceNumber; its records come after it. */
  start: bigint;
  /** EndingSequenceNumber, set once the shard is closed. */
  end?: bigint;
  createdAt: number;
  records: StoredRecord[];
  /** Highest sequence number trimmed away (start when nothing was trimmed). */
  trimmedUpTo: bigint;
}

export interface Stream {
  namespace: string;
  region: string;
  arn: string;
  label: string;
  tableName: string;
  keySchema: KeySchema;
  viewType: StreamViewType;
  createdAt: number;
  disabledAt?: number;
  shards: Shard[];
}

export type StreamLogOptions = {
  /** Clock (epoch ms); injectable so tests can age records and iterators. */
  now?: () => number;
  retentionMs?: number;
  shardMaxAgeMs?: number;
};

const DAY = 24 * 60 * 60 * 1000;
const FOUR_HOURS = 4 * 60 * 60 * 1000;

export class StreamLog {
  readonly now: () => number;
  private readonly store: Store;
  private readonly retentionMs: number;
  private readonly shardMaxAgeMs: number;
  private readonly streams = new Map<string, Stream>();
  /** Streams past their retention: gone for good, even though the table still names them. */
  private readonly expired = new Set<string>();
  private counter = 10n ** 20n;
  private lastShardTime = 0;
  private unsubscribe?: () => void;

  constructor(store: Store, options: StreamLogOptions = {}) {
    this.store = store;
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionMs ?? DAY;
    this.shardMaxAgeMs = options.shardMaxAgeMs ?? FOUR_HOURS;
    this.unsubscribe = store.changes.subscribe((change) => this.append(change));
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The highest sequence number handed out so far. */
  get lastSequence(): bigint {
    return this.counter;
  }

  /** Shard ids sort in creation order (clients rely on it), so their time part never repeats. */
  private newShard(parent?: Shard): Shard {
    const start = ++this.counter;
    this.lastShardTime = Math.max(this.now(), this.lastShardTime + 1);
    const id = `shardId-${String(this.lastShardTime).padStart(20, '0')}-${randomBytes(4).toString('hex')}`;
    return { id, parentId: parent?.id, start, createdAt: this.now(), records: [], trimmedUpTo: start };
  }

  private static key(namespace: string, arn: string): string {
    return `${namespace}\u0000${arn}`;
  }

  private closeShard(shard: Shard): void {
    if (shard.end === undefined) shard.end = shard.records.at(-1)?.seq ?? shard.start;
  }

  private disable(stream: Stream): void {
    if (stream.disabledAt !== undefined) return;
    stream.disabledAt = this.now();
    for (const shard of stream.shards) this.closeShard(shard);
  }

  /**
   * The stream of the table's latest enabling, created on first sight (a stream already
   * disabled again is created too, and turns DISABLED in `sync`).
   */
  private ensure(table: Table): Stream | undefined {
    const { arn, label, viewType } = table.stream;
    if (!arn || !label || !viewType) return undefined;
    const key = StreamLog.key(table.namespace, arn);
    let stream = this.streams.get(key);
    if (!stream && !this.expired.has(key)) {
      stream = {
        namespace: table.namespace,
        region: table.region,
        arn,
        label,
        tableName: table.name,
        keySchema: table.keySchema,
        viewType,
        createdAt: Date.parse(`${label}Z`) || this.now(),
        shards: [this.newShard()],
      };
      this.streams.set(key, stream);
    }
    return stream;
  }

  /**
   * Brings the streams of one namespace and region in line with the tables: streams of tables
   * that enabled a stream appear, streams whose table disabled or replaced them (or was
   * deleted) turn DISABLED. Then trims what has aged out.
   */
  sync(namespace: string, region: string): void {
    const tables = this.store.tables(namespace, region);
    for (const table of tables.values()) this.ensure(table);
    for (const [key, stream] of this.streams) {
      if (stream.namespace !== namespace || stream.region !== region) continue;
      const table = tables.get(stream.tableName);
      if (!table || !table.stream.enabled || table.stream.arn !== stream.arn) this.disable(stream);
      this.trim(stream);
      if (stream.disabledAt !== undefined && stream.disabledAt < this.now() - this.retentionMs) {
        this.streams.delete(key);
        this.expired.add(key);
      }
    }
  }

  private trim(stream: Stream): void {
    const cutoff = this.now() - this.retentionMs;
    for (const shard of stream.shards) {
      let drop = 0;
      while (drop < shard.records.length && shard.records[drop]!.at < cutoff) drop++;
      if (drop) {
        shard.trimmedUpTo = shard.records[drop - 1]!.seq;
        shard.records.splice(0, drop);
      }
    }
    // A closed shard whose records are all gone is no longer described.
    stream.shards = stream.shards.filter((s) => s.end === undefined || s.records.length > 0 || s.createdAt >= cutoff);
  }

  private append(change: ChangeRecord): void {
    // Most tables have no stream: decide that before comparing images (a deep compare per write).
    const table = this.store.tables(change.namespace, change.region).get(change.table);
    if (!table?.stream.enabled) return;
    // "If you perform a PutItem or UpdateItem operation that does not change any data in an
    // item, DynamoDB Streams does not write a stream record for that operation."
    if (change.oldImage && change.newImage && valuesEqual({ M: change.oldImage }, { M: change.newImage })) return;
    const stream = this.ensure(table);
    if (!stream) return;
    let shard = stream.shards.at(-1)!;
    if (shard.records.length && this.now() - shard.createdAt >= this.shardMaxAgeMs) {
      this.closeShard(shard);
      shard = this.newShard(shard);
      stream.shards.push(shard);
    }
    const seq = ++this.counter;
    shard.records.push({ seq, at: this.now(), wire: buildRecord(change, stream.viewType, seq, this.now()) });
  }

  /** Streams of a namespace and region, oldest first. */
  list(namespace: string, region: string): Stream[] {
    this.sync(namespace, region);
    return [...this.streams.values()]
      .filter((s) => s.namespace === namespace && s.region === region)
      .sort((a, b) => a.createdAt - b.createdAt || (a.arn < b.arn ? -1 : 1));
  }

  get(namespace: string, region: string, arn: string): Stream | undefined {
    this.sync(namespace, region);
    return this.streams.get(StreamLog.key(namespace, arn));
  }
}
