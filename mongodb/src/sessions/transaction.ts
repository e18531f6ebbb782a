// A multi-document transaction: reads see the snapshot taken at its first statement plus its own
// writes; writes are buffered and applied atomically at commit. A document written by another
// transaction, or committed after our snapshot, is a WriteConflict (112).
import type { Document } from 'bson';
import { Long } from 'bson';
import type { Collection } from '../storage/collection.ts';
import type { Storage } from '../storage/storage.ts';
import { errors } from '../errors.ts';

export interface BufferedWrite {
  db: string;
  coll: string;
  id: string;
  kind: 'insert' | 'update' | 'replace' | 'delete';
  before?: Document;
  after?: Document;
}

export class Transaction {
  readonly id: string;
  readonly txnNumber: bigint;
  readonly lsid: Document;
  state: 'active' | 'committed' | 'aborted' = 'active';
  readonly startedAt = Date.now();
  readonly snapshotTs: number;
  /** "db.coll" → id → current document inside the transaction (null = deleted). */
  readonly writes = new Map<string, Map<string, Document | null>>();
  readonly log: BufferedWrite[] = [];
  readonly created = new Set<string>();
  private locked: Array<[Collection, string]> = [];
  private storage: Storage;

  constructor(storage: Storage, lsid: Document, sessionKey: string, txnNumber: bigint) {
    this.storage = storage;
    this.lsid = lsid;
    this.txnNumber = txnNumber;
    this.id = `${sessionKey}:${txnNumber}`;
    this.snapshotTs = storage.openSnapshot(this.id);
  }

  get txnLong(): Long { return Long.fromBigInt(this.txnNumber); }

  overlay(ns: string): Map<string, Document | null> | undefined { return this.writes.get(ns); }

  /** Claims document `id` for writing, or throws WriteConflict. */
  lock(coll: Collection, id: string): void {
    const owner = coll.locks.get(id);
    if (owner === this.id) return;
    if (owner !== undefined) throw errors.writeConflict();
    const rec = coll.records.get(id);
    if (rec && rec.ts > this.snapshotTs) throw errors.writeConflict();
    coll.locks.set(id, this.id);
    this.locked.push([coll, id]);
  }

  record(w: BufferedWrite): void {
    const ns = `${w.db}.${w.coll}`;
    let m = this.writes.get(ns);
    if (!m) this.writes.set(ns, (m = new Map()));
    m.set(w.id, w.after ?? null);
    this.log.push(w);
  }

  /** Releases locks and the snapshot; the caller applies (commit) or discards (abort) the log. */
  finish(state: 'committed' | 'aborted'): void {
    this.state = state;
    for (const [c, id] of this.locked) if (c.locks.get(id) === this.id) c.locks.delete(id);
    this.locked = [];
    this.storage.closeSnapshot(this.id);
  }
}
