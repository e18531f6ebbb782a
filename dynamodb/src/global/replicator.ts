// The replication engine of global tables (version 2019.11.21) inside one server. A replica is
// the table of the same name in another region of the same namespace; members share one
// `replicaRegions` set (creation order) and each keeps `lastWrite` per item for conflicts.
//
// Every committed write (the storage change hook) is applied to the other members after
// `lagMs`, carrying its commit time. Conflicts resolve last-writer-wins on that time, ties going
// to the write from the greater region name, so every member converges on the same item, as
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
// describes ("all the replicas will agree on the latest update"). Applied writes are marked
// `replicated` and are not copied again; they reach each region's stream like any write, without
// the aws:rep:* attributes of the legacy 2017.11.29 version. TTL deletions are changes too, so
// they replicate as deletes. Transactions are atomic only in their own region: their writes
// travel one by one.

import type { ChangeRecord } from '../storage/changes.ts';
import type { Store } from '../storage/store.ts';
import { keyIdOf, Table } from '../storage/table.ts';
import { join, membersOf } from './group.ts';

export interface ReplicationOptions {
  /** Delay before a write reaches the other replicas (ms, default 500). */
  lagMs?: number;
  /** How long a new replica reports CREATING (ms, default: the server's createTableMs). */
  createReplicaMs?: number;
}

export class Replicator {
  readonly lagMs: number;
  readonly createReplicaMs: number;
  private readonly store: Store;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;

  constructor(store: Store, options: ReplicationOptions & { createTableMs?: number } = {}) {
    this.store = store;
    this.lagMs = options.lagMs ?? 500;
    this.createReplicaMs = options.createReplicaMs ?? options.createTableMs ?? 0;
    this.unsubscribe = store.changes.subscribe((change) => this.onChange(change));
  }

  /**
   * Creates the replica of `source` in `region`: same schema, indexes, billing, TTL setting and
   * stream view type, backfilled with the source's items (before the replica is visible, so the
   * backfill writes no stream records). It reports CREATING for `createReplicaMs`.
   */
  createReplica(source: Table, region: string): Table {
    const activeAt = Date.now() + this.createReplicaMs;
    const replica = new Table(
      {
        namespace: source.namespace,
        region,
        name: source.name,
        attributeDefinitions: [...source.attributeDefinitions],
        keySchema: source.keySchema,
        billingMode: source.billingMode,
        throughput: { read: source.throughput.read, write: source.throughput.write },
        activeAt,
      },
      this.store.changes,
    );
    for (const index of source.indexes.values()) {
      replica.addIndex({
        name: index.name,
        global: index.global,
        keySchema: index.keySchema,
        projection: index.projection,
        throughput: index.throughput && { ...index.throughput },
        activeAt,
      });
    }
    if (source.ttl) replica.ttl = { ...source.ttl };
    if (!source.replicaRegions) {
      source.replicaRegions = new Set();
      join(source.replicaRegions, source);
    }
    source.lastWrite ??= new Map();
    replica.replicaRegions = source.replicaRegions;
    replica.lastWrite = new Map(source.lastWrite);
    for (const item of source.items.all()) replica.commit(replica.keyOf(item), item, { replicated: true, origin: source.region });
    join(source.replicaRegions, replica);
    this.store.tables(source.namespace, region).set(source.name, replica);
    return replica;
  }

  /** Removes `region` from the group of `member` and deletes its table there. */
  deleteReplica(member: Table, region: string): void {
    const members = membersOf(member);
    const replica = members.find((m) => m.region === region);
    member.replicaRegions?.delete(region);
    if (replica) {
      const tables = this.store.tables(member.namespace, region);
      if (tables.get(member.name) === replica) tables.delete(member.name);
      replica.detach();
    }
    // The last member left is a regional table again; its stream stays on (Alternator's
    // test_global_table_reverts_to_nonglobal_after_removing_replica, run against AWS).
    const left = members.filter((m) => m !== replica);
    if (left.length === 1) {
      left[0]!.replicaRegions = undefined;
      left[0]!.lastWrite = undefined;
    }
  }

  private onChange(change: ChangeRecord): void {
    if (change.replicated) return;
    const table = this.store.tables(change.namespace, change.region).get(change.table);
    if (!table?.replicaRegions) return;
    const group = table.replicaRegions;
    for (const member of membersOf(table)) {
      const region = member.region;
      if (region === change.region) continue;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.apply(change, region, group);
      }, this.lagMs);
      this.timers.add(timer);
    }
  }

  /** Applies another region's write unless the replica already holds a later one. */
  private apply(change: ChangeRecord, region: string, group: Set<string>): void {
    const target = this.store.tables(change.namespace, region).get(change.table);
    if (!target?.lastWrite || target.replicaRegions !== group) return;
    const last = target.lastWrite.get(keyIdOf(target, change.keys));
    if (last && (last.at > change.at || (last.at === change.at && last.region > change.region))) return;
    target.commit(change.keys, change.newImage, { at: change.at, replicated: true, origin: change.region });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.unsubscribe();
  }
}
