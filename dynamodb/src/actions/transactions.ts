// Server-wide transaction state: which items ongoing TransactWriteItems calls hold, and the
// ClientRequestToken cache that makes a retried transaction idempotent for 10 minutes
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-apis-txwriteitems).

import { keyString } from '../attributes.ts';
import { idempotentParameterMismatch, transactionConflict } from '../errors.ts';
import type { Table } from '../storage/table.ts';
import type { Key } from '../types.ts';

const TOKEN_TTL_MS = 10 * 60 * 1000;

export function itemId(table: Table, key: Key): string {
  const parts = [table.namespace, table.region, table.name, keyString(key[table.keys.hash]!)];
  if (table.keys.range) parts.push(keyString(key[table.keys.range]!));
  return parts.join('\u0000');
}

export class Transactions {
  private readonly locks = new Set<string>();
  private readonly tokens = new Map<string, { fingerprint: string; at: number; result: unknown }>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  isLocked(table: Table, key: Key): boolean {
    return this.locks.has(itemId(table, key));
  }

  /** Non-transactional writes to a held item fail with TransactionConflictException. */
  assertFree(table: Table, key: Key): void {
    if (this.isLocked(table, key)) throw transactionConflict();
  }

  lock(ids: string[]): void {
    for (const id of ids) this.locks.add(id);
  }

  unlock(ids: string[]): void {
    for (const id of ids) this.locks.delete(id);
  }

  /** A cached result for a repeated token, or undefined; mismatched parameters are an error. */
  replay(namespace: string, token: string | undefined, fingerprint: string): unknown {
    if (!token) return undefined;
    const id = `${namespace}\u0000${token}`;
    const hit = this.tokens.get(id);
    if (!hit || this.now() - hit.at > TOKEN_TTL_MS) return undefined;
    if (hit.fingerprint !== fingerprint) throw idempotentParameterMismatch();
    return hit.result;
  }

  remember(namespace: string, token: string | undefined, fingerprint: string, result: unknown): void {
    if (!token) return;
    const now = this.now();
    for (const [id, hit] of this.tokens) if (now - hit.at > TOKEN_TTL_MS) this.tokens.delete(id);
    this.tokens.set(`${namespace}\u0000${token}`, { fingerprint, at: now, result });
  }
}
