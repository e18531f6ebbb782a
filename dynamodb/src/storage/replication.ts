// Global tables (version 2019.11.21) inside one server: replicas are tables of the same name in
// other regions of the same namespace. Every write is copied to the other replicas after a
// configurable lag, and conflicts resolve last-writer-wins on the commit time, as
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
// describes (ties go to the write from the higher region name, so every replica converges).

import type { ChangeRecord } from './changes.ts';
import type { Store } from './store.ts';
import { keyIdOf, Table } from './table.ts';

export class Replicator {
  private readonly store: Store;
  private readonly lagMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;

  constructor(store: Store, lagMs: number) {
    this.store = store;
    this.lagMs = lagMs;
    this.unsubscribe = store.changes.subscribe((change) => this.onChange(change));
  }

  /** Creates the replica of `source` in `region`, copying its schema, indexes and items. */
  createReplica(source: Table, region: string): Table {
    const replica = new Table(
      {
        namespace: source.namespace,
        region,
        name: source.name,
        attributeDefinitions: source.attributeDefinitions,
        keySchema: source.keySchema,
        billingMode: source.billingMode,
        throughput: { read: source.throughput.read, write: source.throughput.write },
        activeAt: Date.now(),
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
        activeAt: Date.now(),
      });
    }
    replica.stream = { ...source.stream };
    source.replicaRegions ??= new Set([source.region]);
    source.lastWrite ??= new Map();
    source.replicaRegions.add(region);
    replica.replicaRegions = source.replicaRegions;
    replica.lastWrite = new Map(source.lastWrite);
    for (const item of source.items.all()) replica.commit(replica.keyOf(item), item, { replicated: true, origin: source.region });
    this.store.tables(source.namespace, region).set(source.name, replica);
    return replica;
  }

  /** Removes the replica in `region` (its table is deleted). */
  deleteReplica(source: Table, region: string): void {
    const tables = this.store.tables(source.namespace, region);
    const replica = tables.get(source.name);
    source.replicaRegions?.delete(region);
    // The last table standing is a regular table again.
    if (source.replicaRegions && source.replicaRegions.size <= 1) {
      source.replicaRegions = undefined;
      source.lastWrite = undefined;
    }
    if (replica) {
      tables.delete(source.name);
      replica.detach();
    }
  }

  private onChange(change: ChangeRecord): void {
    if (change.replicated) return;
    const table = this.store.tables(change.namespace, change.region).get(change.table);
    if (!table?.replicaRegions) return;
    for (const region of table.replicaRegions) {
      if (region === change.region) continue;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.apply(change, region);
      }, this.lagMs);
      this.timers.add(timer);
    }
  }

  private apply(change: ChangeRecord, region: string): void {
    const target = this.store.tables(change.namespace, region).get(change.table);
    if (!target?.lastWrite) return;
    const id = keyIdOf(target, change.keys);
    const last = target.lastWrite.get(id);
    if (last && (last.at > change.at || (last.at === change.at && last.region > change.region))) return;
    target.commit(change.keys, change.newImage, { at: change.at, replicated: true, origin: change.region });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.unsubscribe();
  }
}
