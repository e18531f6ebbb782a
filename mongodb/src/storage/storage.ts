// Databases → collections → documents. Databases exist while they hold a collection, as in
// MongoDB. `ts` is the commit counter that orders every committed write (snapshot reads use it).
import { Collection, type CollectionOptions, type HistoryKeeper } from './collection.ts';
import { errors } from '../errors.ts';
import type { Document } from 'bson';

export interface ViewDefinition { viewOn: string; pipeline: Document[] }

export class Database {
  readonly name: string;
  readonly collections = new Map<string, Collection>();
  /** Read-only views: https://www.mongodb.com/docs/manual/core/views/ */
  readonly views = new Map<string, ViewDefinition>();
  constructor(name: string) { this.name = name; }
  listCollections(): Collection[] { return [...this.collections.values()]; }
}

export class Storage implements HistoryKeeper {
  readonly dbs = new Map<string, Database>();
  private seq = 0;
  /** Open transactions' snapshot timestamps, by transaction id. */
  readonly snapshots = new Map<string, number>();
  private withHistory = new Set<Collection>();

  tick(): number { return ++this.seq; }
  get now(): number { return this.seq; }

  oldestSnapshot(): number {
    let min = Infinity;
    for (const ts of this.snapshots.values()) if (ts < min) min = ts;
    return min;
  }
  markHistory(c: Collection): void { this.withHistory.add(c); }

  openSnapshot(txnId: string): number {
    this.snapshots.set(txnId, this.seq);
    return this.seq;
  }
  closeSnapshot(txnId: string): void {
    this.snapshots.delete(txnId);
    const oldest = this.oldestSnapshot();
    for (const c of this.withHistory) c.vacuum(oldest);
    if (oldest === Infinity) this.withHistory.clear();
  }

  listDatabases(): Database[] { return [...this.dbs.values()].filter((d) => d.collections.size > 0 || d.views.size > 0); }
  db(name: string): Database {
    let d = this.dbs.get(name);
    if (!d) this.dbs.set(name, (d = new Database(name)));
    return d;
  }
  collection(db: string, coll: string): Collection | undefined {
    return this.dbs.get(db)?.collections.get(coll);
  }

  view(db: string, name: string): ViewDefinition | undefined {
    return this.dbs.get(db)?.views.get(name);
  }

  /** Creates the collection; `implicit` (an insert into a missing collection) never fails. */
  createCollection(db: string, coll: string, options: CollectionOptions = {}, implicit = false): Collection {
    validateCollectionName(db, coll);
    if (this.view(db, coll)) {
      if (implicit) throw errors.commandNotSupportedOnView(`Namespace ${db}.${coll} is a view, not a collection`);
      throw errors.namespaceExists(`Collection ${db}.${coll} already exists.`);
    }
    const existing = this.collection(db, coll);
    if (existing) {
      if (implicit) return existing;
      throw errors.namespaceExists(`Collection ${db}.${coll} already exists.`);
    }
    const c = new Collection(db, coll, options, this);
    this.db(db).collections.set(coll, c);
    return c;
  }

  dropCollection(db: string, coll: string): boolean {
    const d = this.dbs.get(db);
    if (d?.views.delete(coll)) return true;
    if (!d?.collections.has(coll)) return false;
    d.collections.delete(coll);
    return true;
  }

  dropDatabase(db: string): boolean { return this.dbs.delete(db); }
}

export function validateCollectionName(db: string, coll: string): void {
  if (!db || /[/\\. "$\0]/.test(db)) throw errors.invalidNamespace(`Invalid database name: '${db}'`);
  if (!coll || coll.includes('\0') || coll.startsWith('.') || coll.includes('$')) {
    throw errors.invalidNamespace(`Invalid collection name: ${coll}`);
  }
}
