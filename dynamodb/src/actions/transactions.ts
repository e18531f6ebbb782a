// Server-wide transaction state: which items ongoing TransactWriteItems calls hold, and the
// ClientRequestToken cache (per access key id and region, like tables) that makes a retried
// transaction idempotent for 10 minutes
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

/** Whose tokens: tables and tokens both belong to an access key id and a region. */
export interface TokenScope {
  namespace: string;
  region: string;
}

interface Remembered {
  fingerprint: string;
  at: number;
  result: unknown;
}

export class Transactions {
  private readonly locks = new Set<string>();
  /** access key id → (region + token) → the first call's outcome. */
  private readonly tokens = new Map<string, Map<string, Remembered>>();
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

  /** The remembered outcome of a repeated token, or undefined; mismatched parameters are an error. */
  replay(scope: TokenScope, token: string | undefined, fingerprint: string): unknown {
    if (!token) return undefined;
    const hit = this.tokens.get(scope.namespace)?.get(`${scope.region}\u0000${token}`);
    if (!hit || this.now() - hit.at > TOKEN_TTL_MS) return undefined;
    if (hit.fingerprint !== fingerprint) throw idempotentParameterMismatch();
    return hit.result;
  }

  remember(scope: TokenScope, token: string | undefined, fingerprint: string, result: unknown): void {
    if (!token) return;
    const now = this.now();
    let own = this.tokens.get(scope.namespace);
    if (!own) this.tokens.set(scope.namespace, (own = new Map()));
    for (const [id, hit] of own) if (now - hit.at > TOKEN_TTL_MS) own.delete(id);
    own.set(`${scope.region}\u0000${token}`, { fingerprint, at: now, result });
  }

  /** Drops an access key id's tokens in every region (the engine resets a learner's namespace). */
  forget(namespace: string): void {
    this.tokens.delete(namespace);
  }
}
