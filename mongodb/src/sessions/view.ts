// The data view a command reads and writes through. Outside a transaction writes go straight to
// storage and emit change events; inside one they are buffered in the Transaction and reads see
// its snapshot plus its own writes. Commands never need to know which one they have.
import type { Document } from 'bson';
import { keyString } from '../storage/bson-order.ts';
import type { Collection } from '../storage/collection.ts';
import { IndexStore } from '../storage/index-store.ts';
import { executePlan, planWithHint, type Plan, type SortSpec } from '../storage/planner.ts';
import { cloneDoc } from '../storage/clone.ts';
import { compileFilter, type QueryEnv } from '../query/mingo.ts';
import { runPipeline } from '../query/pipeline.ts';
import { extractText, parseSearch, textScore, textScores } from '../query/text.ts';
import type { ViewDefinition } from '../storage/storage.ts';
import type { ChangeEvent, ServerCore } from '../core.ts';
import type { Transaction } from './transaction.ts';
import { errors } from '../errors.ts';

export interface ScanOptions {
  hint?: unknown;
  env?: QueryEnv;
  /** Stop after this many matches — only honoured when the output is already in `sort` order. */
  limit?: number;
  sort?: SortSpec;
}
export interface ScanOutput {
  docs: Array<[string, Document]>;
  /** Documents come out in the requested sort order (an index walk provided it). */
  sorted?: boolean;
  plan: Plan;
  stats: { keysExamined: number; docsExamined: number };
}

export class DataView {
  readonly core: ServerCore;
  readonly txn?: Transaction;
  /** bypassDocumentValidation: writes skip the collection validator. */
  readonly bypassValidation: boolean;
  constructor(core: ServerCore, txn?: Transaction, opts: { bypassValidation?: boolean } = {}) {
    this.core = core;
    this.txn = txn;
    this.bypassValidation = opts.bypassValidation ?? false;
  }

  collection(db: string, coll: string): Collection | undefined {
    return this.core.storage.collection(db, coll);
  }

  /** Matching documents (stored objects: callers copy before mutating). */
  scan(db: string, coll: string, rawFilter: Document | undefined, opts: ScanOptions = {}, depth = 0): ScanOutput {
    const { text, rest: filter } = extractText(rawFilter);
    if (text) return this.scanText(db, coll, text, filter, opts);
    const stats = { keysExamined: 0, docsExamined: 0 };
    const viewDef = this.core.storage.view(db, coll);
    if (viewDef) return this.scanView(db, viewDef, filter, opts, depth);
    const c = this.collection(db, coll);
    if (!c) {
      if (opts.hint !== undefined && opts.hint !== null && typeof opts.hint === 'string') {
        throw errors.badValue('error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
      }
      return { docs: [], plan: {}, stats };
    }
    const query = compileFilter(filter, opts.env);
    const out: Array<[string, Document]> = [];
    let plan: Plan;
    let candidates: Iterable<[string, Document]>;
    let indexStats: { keysExamined: number } | undefined;
    const sort = opts.sort ?? [];
    if (this.txn) {
      // Planning still validates the hint; a transaction then scans its snapshot.
      planWithHint(c, filter ?? {}, opts.hint);
      plan = {};
      candidates = this.txnCandidates(c);
    } else {
      plan = planWithHint(c, filter ?? {}, opts.hint, sort);
      // Our indexes hold keys in binary (simple) order: a collated query scans the collection.
      if (opts.env?.collation) plan = {};
      const r = executePlan(c, plan);
      candidates = r.candidates;
      indexStats = r.stats;
    }
    const sorted = sort.length === 0 || !!plan.walk;
    const limit = sorted && opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const matchAll = !filter || Object.keys(filter).length === 0;
    for (const entry of candidates) {
      stats.docsExamined++;
      if (matchAll || query.test(entry[1])) {
        out.push(entry);
        if (out.length >= limit) break;
      }
    }
    // Keys are examined lazily, so stopping at the limit stops the index walk too.
    stats.keysExamined = indexStats?.keysExamined ?? 0;
    return { docs: out, plan, stats, sorted: sort.length > 0 && sorted };
  }

  /** $text: documents of the rest of the filter that match the search, scored for textScore. */
  private scanText(db: string, coll: string, text: Document, filter: Document | undefined, opts: ScanOptions): ScanOutput {
    const ix = [...(this.collection(db, coll)?.indexes.values() ?? [])].find((i) => i.spec.weights);
    if (!ix) throw errors.indexNotFound('text index required for $text query');
    if (text.$caseSensitive || text.$diacriticSensitive) throw errors.notImplemented('$caseSensitive and $diacriticSensitive text search are not supported by this server');
    const search = parseSearch(text.$search);
    const base = this.scan(db, coll, filter, { ...opts, limit: undefined, sort: undefined });
    const docs = base.docs.filter(([, d]) => {
      const score = textScore(d, ix.spec, search);
      if (score > 0) textScores.set(d, score);
      return score > 0;
    });
    return { docs, plan: { index: ix, textSearch: true }, stats: base.stats };
  }

  /** A view is its source's documents run through its pipeline, then filtered like a collection. */
  private scanView(db: string, def: ViewDefinition, filter: Document | undefined, opts: ScanOptions, depth: number): ScanOutput {
    if (depth > 20) throw errors.viewDepthLimitExceeded('View depth too deep or view cycle detected. Maximum depth is 20');
    const source = this.scan(db, def.viewOn, {}, { env: opts.env }, depth + 1).docs.map((e) => e[1]);
    const query = compileFilter(filter, opts.env);
    const docs = runPipeline(this, db, source, def.pipeline, opts.env);
    const out: Array<[string, Document]> = [];
    docs.forEach((d, i) => {
      if (query.test(d)) out.push([d._id === undefined ? `#${i}` : keyString(d._id), d]);
    });
    const limit = !opts.sort?.length && opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    return { docs: out.slice(0, limit), plan: {}, stats: { keysExamined: 0, docsExamined: docs.length } };
  }

  private *txnCandidates(c: Collection): Iterable<[string, Document]> {
    const txn = this.txn!;
    const overlay = txn.overlay(c.ns);
    for (const [id, d] of c.snapshot(txn.snapshotTs)) {
      if (overlay?.has(id)) {
        const mine = overlay.get(id);
        if (mine) yield [id, mine];
      } else yield [id, d];
    }
    if (overlay) {
      for (const [id, d] of overlay) if (d && !c.getAt(id, txn.snapshotTs)) yield [id, d];
    }
  }

  count(db: string, coll: string): number {
    if (this.core.storage.view(db, coll)) return this.scan(db, coll, {}).docs.length;
    const c = this.collection(db, coll);
    if (!c) return 0;
    if (!this.txn) return c.count;
    let n = 0;
    for (const _ of this.txnCandidates(c)) n++;
    return n;
  }

  insert(db: string, coll: string, doc: Document): void {
    const c = this.core.storage.createCollection(db, coll, {}, true);
    const id = keyString(doc._id);
    if (!this.bypassValidation) c.validate(doc);
    if (this.txn) {
      const overlay = this.txn.overlay(c.ns);
      // Visible to us: our own write if we made one, else the snapshot (or a later commit,
      // which would clash at commit time anyway).
      const existing = overlay?.has(id) ? overlay.get(id) : (c.getAt(id, this.txn.snapshotTs) ?? c.get(id));
      if (existing) throw c.indexes.get('_id_')!.duplicate([doc._id]);
      this.txn.lock(c, id);
      this.checkTxnUnique(c, doc, id);
      this.txn.record({ db, coll, id, kind: 'insert', after: doc });
      return;
    }
    this.assertUnlocked(c, id);
    c.insert(doc, this.core.storage.tick());
    this.emit({ operationType: 'insert', ns: { db, coll }, documentKey: { _id: doc._id }, fullDocument: doc });
  }

  private writable(db: string, coll: string): Collection {
    if (this.core.storage.view(db, coll)) throw errors.commandNotSupportedOnView(`Namespace ${db}.${coll} is a view, not a collection`);
    return this.collection(db, coll)!;
  }

  replace(db: string, coll: string, id: string, before: Document, after: Document, kind: 'update' | 'replace'): void {
    const c = this.writable(db, coll);
    if (!this.bypassValidation) c.validate(after);
    if (this.txn) {
      this.txn.lock(c, id);
      this.checkTxnUnique(c, after, id);
      this.txn.record({ db, coll, id, kind, before, after });
      return;
    }
    this.assertUnlocked(c, id);
    c.replace(id, after, this.core.storage.tick());
    this.emit({ operationType: kind, ns: { db, coll }, documentKey: { _id: after._id }, fullDocument: after, fullDocumentBeforeChange: before });
  }

  remove(db: string, coll: string, id: string, before: Document): void {
    const c = this.writable(db, coll);
    if (this.txn) {
      this.txn.lock(c, id);
      this.txn.record({ db, coll, id, kind: 'delete', before });
      return;
    }
    this.assertUnlocked(c, id);
    c.remove(id, this.core.storage.tick());
    this.emit({ operationType: 'delete', ns: { db, coll }, documentKey: { _id: before._id }, fullDocumentBeforeChange: before });
  }

  /** A plain write to a document a transaction holds conflicts (the real server would block). */
  private assertUnlocked(c: Collection, id: string): void {
    if (c.locks.has(id)) throw errors.writeConflict();
  }

  private checkTxnUnique(c: Collection, doc: Document, id: string): void {
    const overlay = this.txn!.overlay(c.ns);
    // Documents this transaction changed no longer own their old committed keys.
    c.check(doc, id, new Set(overlay ? overlay.keys() : []));
    if (!overlay) return;
    for (const ix of c.indexes.values()) {
      if (!ix.spec.unique || ix.spec.name === '_id_') continue;
      const mine = new IndexStore(ix.spec, c.ns);
      for (const [otherId, other] of overlay) if (other && otherId !== id) mine.add(other, otherId);
      mine.check(doc, id);
    }
  }

  emit(e: Omit<ChangeEvent, 'clusterTime'>): void {
    const clusterTime = this.core.clock.tick();
    if (!this.core.events.active) return;
    this.core.events.emit(copyEvent({ ...e, clusterTime }));
  }
}

function copyEvent(e: ChangeEvent): ChangeEvent {
  const out: ChangeEvent = { ...e };
  if (e.fullDocument) out.fullDocument = cloneDoc(e.fullDocument);
  if (e.fullDocumentBeforeChange) out.fullDocumentBeforeChange = cloneDoc(e.fullDocumentBeforeChange);
  return out;
}
