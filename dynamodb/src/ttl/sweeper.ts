// Time to Live: a background sweep that deletes expired items of tables with TTL enabled.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
// - the TTL attribute must be a Number holding epoch seconds; items where it is absent or of
//   another type are ignored, and so are values more than five years in the past
//   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html);
// - expired items are deleted some time after they expire (DynamoDB: typically within a few
//   days; here after `delayMs`, a few seconds by default so a lesson can watch it happen) and
//   until then still show up in reads;
// - each deletion is a service deletion: its stream record carries
//   userIdentity {Type: "Service", PrincipalId: "dynamodb.amazonaws.com"}.

import type { Store } from '../storage/store.ts';
import type { Key } from '../types.ts';

export type TtlOptions = {
  /** Clock (epoch ms); injectable for tests. */
  now?: () => number;
  /** How long after its expiry time an item becomes eligible for deletion. */
  delayMs?: number;
  /** How often the background sweep runs. */
  intervalMs?: number;
};

const FIVE_YEARS_S = 5 * 365 * 24 * 60 * 60;
const DEFAULT_DELAY_MS = 2000;
const DEFAULT_INTERVAL_MS = 1000;

/** Expiry in epoch seconds, or undefined when the value does not take part in TTL. */
export function expiryOf(value: unknown, nowSeconds: number): number | undefined {
  if (!value || typeof value !== 'object' || !('N' in value)) return undefined;
  const seconds = Number((value as { N: string }).N);
  if (!Number.isFinite(seconds) || seconds < nowSeconds - FIVE_YEARS_S) return undefined;
  return seconds;
}

export class TtlSweeper {
  private readonly store: Store;
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private timer?: ReturnType<typeof setInterval>;

  constructor(store: Store, options: TtlOptions = {}) {
    this.store = store;
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  }

  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.intervalMs);
      // The sweep must never keep a process (or a test run) alive on its own.
      this.timer.unref();
    }
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Deletes every item that is due now; returns how many were deleted. */
  sweep(): number {
    const now = this.now();
    const due: Array<{ namespace: string; region: string; table: string; key: Key }> = [];
    for (const table of this.store.allTables()) {
      if (!table.ttl?.enabled) continue;
      const attribute = table.ttl.attribute;
      for (const item of table.items.all()) {
        const expiry = expiryOf(item[attribute], now / 1000);
        if (expiry !== undefined && expiry * 1000 + this.delayMs <= now) {
          due.push({ namespace: table.namespace, region: table.region, table: table.name, key: table.keyOf(item) });
        }
      }
    }
    let deleted = 0;
    for (const d of due) if (this.store.deleteItemAsService(d.namespace, d.region, d.table, d.key)) deleted++;
    return deleted;
  }
}
