// What an operation sees: the request context plus server-wide services.

import type { RequestContext } from '../http/registry.ts';
import type { Replicator } from '../global/replicator.ts';
import type { Throttle } from '../throttle.ts';
import type { Transactions } from './transactions.ts';

/** One line of the per-namespace operation log graders read (Query vs Scan etc.). */
export interface OpLogEntry {
  at: number;
  operation: string;
  region: string;
  namespace: string;
  table?: string;
  index?: string;
  count?: number;
  scannedCount?: number;
  consumedCapacity?: number;
  error?: string;
}

export interface ServerState {
  /** How long a new table or GSI reports CREATING (ms). */
  createTableMs: number;
  /** How long a GSI added by UpdateTable reports CREATING / Backfilling (ms). */
  createIndexMs: number;
  maxItemBytes: number;
  throttle: Throttle;
  transactions: Transactions;
  /** Latency injected before an operation's work (ms), for the DAX chapter. */
  latency: Partial<Record<string, number>>;
  /** Global tables: creates replicas and copies writes between regions. */
  replication: Replicator;
  /** Regions the server serves (empty: any). */
  regions: string[];
}

export interface OpContext extends RequestContext {
  server: ServerState;
  /** Adds facts to this request's operation-log entry. */
  note: (facts: Partial<OpLogEntry>) => void;
}
