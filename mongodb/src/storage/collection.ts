// A collection: documents keyed by _id plus their indexes. Each document keeps a short version
// chain while transactions are open so a transaction reads the snapshot it started from
// (https://www.mongodb.com/docs/manual/core/read-isolation-consistency-recency/).
import type { Document } from 'bson';
import type { Query } from 'mingo/query';
import { compileFilter } from '../query/mingo.ts';
import { keyString } from './bson-order.ts';
import { IndexStore, type IndexSpec } from './index-store.ts';
import { errors } from '../errors.ts';

export interface Version { doc: Document | null; ts: number; prev?: Version }

export interface CollectionOptions {
  capped?: boolean;
  size?: number;
  max?: number;
  validator?: Document;
  validationLevel?: string;
  validationAction?: string;
  [k: string]: unknown;
}

export interface HistoryKeeper {
  /** Oldest snapshot timestamp any open transaction reads at, or Infinity. */
  oldestSnapshot(): number;
  markHistory(c: Collection): void;
}

export class Collection {
  readonly db: string;
  name: string;
  readonly options: CollectionOptions;
  readonly uuid = crypto.randomUUID();
  readonly records = new Map<string, Version>();
  readonly indexes = new Map<string, IndexStore>();
  /** Document id → owning transaction id, for write-write conflict detection. */
  readonly locks = new Map<string, string>();
  private validator?: Query;
  private keeper: HistoryKeeper;
  private liveCount = 0;

  constructor(db: string, name: string, options: CollectionOptions, keeper: HistoryKeeper) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.keeper = keeper;
    if (options.validator && Object.keys(options.validator).length) this.validator = compileFilter(options.validator);
    this.indexes.set('_id_', new IndexStore({ v: 2, key: { _id: 1 }, name: '_id_', unique: true }, this.ns));
  }

  setValidation(validator: Document | undefined, level?: string, action?: string): void {
    if (validator) {
      this.options.validator = validator;
      this.validator = Object.keys(validator).length ? compileFilter(validator) : undefined;
    }
    if (level) this.options.validationLevel = level;
    if (action) this.options.validationAction = action;
  }

  get ns(): string { return `${this.db}.${this.name}`; }
  get count(): number { return this.liveCount; }

  get(id: string): Document | undefined {
    return this.records.get(id)?.doc ?? undefined;
  }

  /** The version of document `id` visible at snapshot `ts`. */
  getAt(id: string, ts: number): Document | undefined {
    let v = this.records.get(id);
    while (v && v.ts > ts) v = v.prev;
    return v?.doc ?? undefined;
  }

  *current(): Iterable<[string, Document]> {
    for (const [id, v] of this.records) if (v.doc) yield [id, v.doc];
  }

  *snapshot(ts: number): Iterable<[string, Document]> {
    for (const [id] of this.records) {
      const d = this.getAt(id, ts);
      if (d) yield [id, d];
    }
  }

  /** Schema validation (collection validator); writers skip it for bypassDocumentValidation. */
  validate(doc: Document): void {
    if (this.validator && this.options.validationAction !== 'warn' && !this.validator.test(doc)) {
      throw errors.documentValidationFailure('Document failed validation', { errInfo: { failingDocumentId: doc._id, details: { operatorName: '$and', clausesNotSatisfied: [] } } });
    }
  }

  /** Checks unique indexes for `doc` (without writing); `ignore` lists ids being rewritten. */
  check(doc: Document, id: string, ignore?: Set<string>): void {
    for (const ix of this.indexes.values()) ix.check(doc, id, ignore);
  }

  private setVersion(id: string, doc: Document | null, ts: number): void {
    const old = this.records.get(id);
    const keep = old && this.keeper.oldestSnapshot() < Infinity;
    if (keep) this.keeper.markHistory(this);
    if (!doc && !keep) this.records.delete(id);
    else this.records.set(id, { doc, ts, prev: keep ? old : undefined });
  }

  insert(doc: Document, ts: number): string {
    const id = keyString(doc._id);
    // Unique checks ignore the document's own id, so a clashing _id must be caught here.
    if (this.get(id)) throw this.indexes.get('_id_')!.duplicate([doc._id]);
    this.check(doc, id);
    this.setVersion(id, doc, ts);
    for (const ix of this.indexes.values()) ix.add(doc, id);
    this.liveCount++;
    this.enforceCap(ts);
    return id;
  }

  replace(id: string, doc: Document, ts: number): void {
    const old = this.get(id);
    if (!old) throw errors.internal(`document ${id} vanished`);
    this.check(doc, id);
    const changed = [...this.indexes.values()].filter((ix) => !ix.sameKeys(old, doc));
    for (const ix of changed) ix.remove(old, id);
    for (const ix of changed) ix.add(doc, id);
    this.setVersion(id, doc, ts);
  }

  remove(id: string, ts: number): Document | undefined {
    const old = this.get(id);
    if (!old) return undefined;
    for (const ix of this.indexes.values()) ix.remove(old, id);
    this.setVersion(id, null, ts);
    this.liveCount--;
    return old;
  }

  /** Drops history no open transaction can read any more. */
  vacuum(oldest: number): void {
    for (const [id, v] of this.records) {
      if (v.prev && v.ts <= oldest) v.prev = undefined;
      if (!v.doc && !v.prev && v.ts <= oldest) this.records.delete(id);
    }
  }

  // Capped collections drop their oldest documents past `max` documents or `size` bytes:
  // https://www.mongodb.com/docs/manual/core/capped-collections/
  private enforceCap(ts: number): void {
    if (!this.options.capped) return;
    const max = this.options.max && this.options.max > 0 ? this.options.max : Infinity;
    const size = this.options.size ?? Infinity;
    while (this.liveCount > max || (size < Infinity && this.approxBytes() > size && this.liveCount > 1)) {
      const first = this.current()[Symbol.iterator]().next();
      if (first.done) return;
      this.remove(first.value[0], ts);
    }
  }

  private approxBytes(): number {
    let n = 0;
    for (const [, d] of this.current()) n += JSON.stringify(d).length;
    return n;
  }

  createIndex(spec: IndexSpec): void {
    const ix = new IndexStore(spec, this.ns);
    for (const [id, doc] of this.current()) {
      ix.check(doc, id);
      ix.add(doc, id);
    }
    this.indexes.set(spec.name, ix);
  }
}
