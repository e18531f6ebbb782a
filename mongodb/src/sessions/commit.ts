// Commit and abort. Commit applies the transaction's final document states at one storage
// timestamp (others see all of it or none), then emits one change event per statement.
import type { Document } from 'bson';
import type { ServerCore } from '../core.ts';
import type { Transaction } from './transaction.ts';
import { cloneDoc } from '../storage/clone.ts';
import { errors } from '../errors.ts';

export function commit(core: ServerCore, txn: Transaction): void {
  const storage = core.storage;
  const plan: Array<{ ns: string; id: string; after: Document | null }> = [];
  for (const [ns, m] of txn.writes) for (const [id, after] of m) plan.push({ ns, id, after });
  // Validate everything first so a unique-key clash can't leave half a transaction applied;
  // a failed commit aborts the transaction rather than leaving it open.
  try {
    for (const { ns, id, after } of plan) {
      const [db, ...rest] = ns.split('.');
      const c = storage.collection(db, rest.join('.'));
      if (!c) throw errors.noSuchTransaction('Transaction was aborted: a collection it wrote to was dropped');
      if (after) c.check(after, id, new Set(txn.writes.get(ns)!.keys()));
    }
  } catch (e) {
    txn.finish('aborted');
    throw e;
  }
  txn.finish('committed');
  const ts = storage.tick();
  for (const { ns, id, after } of plan) {
    const [db, ...rest] = ns.split('.');
    const c = storage.collection(db, rest.join('.'))!;
    const current = c.get(id);
    if (!after) { if (current) c.remove(id, ts); }
    else if (current) c.replace(id, after, ts);
    else c.insert(after, ts);
  }
  for (const w of txn.log) {
    const clusterTime = core.clock.tick();
    if (!core.events.active) continue;
    const doc = w.after ?? w.before!;
    core.events.emit({
      operationType: w.kind,
      ns: { db: w.db, coll: w.coll },
      documentKey: { _id: doc._id },
      fullDocument: w.after ? cloneDoc(w.after) : undefined,
      fullDocumentBeforeChange: w.before ? cloneDoc(w.before) : undefined,
      clusterTime,
      txnNumber: txn.txnLong,
      lsid: txn.lsid,
    });
  }
}

export function abort(txn: Transaction): void {
  txn.finish('aborted');
}
