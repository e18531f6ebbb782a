// Logical sessions (lsid) with their transaction state and the retryable-write cache:
// https://www.mongodb.com/docs/manual/core/retryable-writes/ and
// https://www.mongodb.com/docs/manual/core/transactions/
import type { Document } from 'bson';
import { Binary } from 'bson';
import type { Transaction } from './transaction.ts';

export interface SessionContext {
  key: string;
  lsid: Document;
  lastUse: number;
  /** Highest txnNumber seen on this session. */
  txnNumber: bigint;
  txn?: Transaction;
  /** Retryable writes: txnNumber → reply of the write that already ran. */
  retries: Map<bigint, Document>;
}

const SESSION_TIMEOUT_MS = 30 * 60_000;

export function lsidKey(lsid: Document): string {
  const id = lsid.id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  return JSON.stringify(id);
}

export class SessionStore {
  private sessions = new Map<string, SessionContext>();

  get(lsid: Document): SessionContext {
    const key = lsidKey(lsid);
    let s = this.sessions.get(key);
    if (!s) {
      s = { key, lsid, lastUse: Date.now(), txnNumber: -1n, retries: new Map() };
      this.sessions.set(key, s);
    }
    s.lastUse = Date.now();
    return s;
  }

  end(lsid: Document): SessionContext | undefined {
    const key = lsidKey(lsid);
    const s = this.sessions.get(key);
    this.sessions.delete(key);
    return s;
  }

  all(): SessionContext[] { return [...this.sessions.values()]; }

  /**
   * Transactions open longer than transactionLifetimeLimitSeconds (60 s) are aborted, as mongod
   * does, so an abandoned client can't pin old snapshots forever. Returns how many were aborted.
   */
  reap(abort: (t: Transaction) => void, limitMs = 60_000, now = Date.now()): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (s.txn?.state === 'active' && now - s.txn.startedAt > limitMs) {
        abort(s.txn);
        n++;
      }
      // Sessions idle past logicalSessionTimeoutMinutes (30) are forgotten.
      if (s.txn?.state !== 'active' && now - s.lastUse > SESSION_TIMEOUT_MS) this.sessions.delete(s.key);
    }
    return n;
  }
}
