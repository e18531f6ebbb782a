// Provisioned-throughput throttling: one token bucket per table and per GSI and direction,
// refilled at the provisioned rate and holding up to 300 seconds of unused capacity
// ("burst capacity", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html).
// A request is refused with ProvisionedThroughputExceededException when a bucket it needs is
// empty; its actual cost is taken afterwards (buckets may go negative, as DynamoDB's do).
// Writes to a table are also refused when one of its GSIs is out of write capacity.

import type { Consumed } from './capacity.ts';
import { throughputExceeded } from './errors.ts';
import type { Table } from './storage/table.ts';

const BURST_SECONDS = 300;

interface Bucket {
  tokens: number;
  at: number;
  rate: number;
}

export class Throttle {
  readonly enabled: boolean;
  private readonly now: () => number;
  private readonly buckets = new WeakMap<Table, Map<string, Bucket>>();

  constructor(options: { enabled?: boolean; now?: () => number } = {}) {
    this.enabled = options.enabled ?? true;
    this.now = options.now ?? Date.now;
  }

  private bucket(table: Table, name: string, rate: number): Bucket {
    let map = this.buckets.get(table);
    if (!map) {
      map = new Map();
      this.buckets.set(table, map);
    }
    let b = map.get(name);
    const now = this.now();
    if (!b || b.rate !== rate) {
      b = { tokens: rate * BURST_SECONDS, at: now, rate };
      map.set(name, b);
    }
    b.tokens = Math.min(rate * BURST_SECONDS, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    return b;
  }

  private applies(table: Table): boolean {
    return this.enabled && table.billingMode === 'PROVISIONED';
  }

  /** Refuses the request when the table (or an index it touches) has no capacity left. */
  check(table: Table, kind: 'read' | 'write', indexName?: string): void {
    if (!this.applies(table)) return;
    const targets: Array<[string, number]> = [];
    if (kind === 'read' && indexName) {
      const index = table.indexes.get(indexName);
      if (index?.global) targets.push([`${indexName}:read`, index.throughput?.read ?? 0]);
      else targets.push(['read', table.throughput.read]);
    } else {
      targets.push([kind, kind === 'read' ? table.throughput.read : table.throughput.write]);
      if (kind === 'write') {
        for (const index of table.indexes.values()) {
          if (index.global) targets.push([`${index.name}:write`, index.throughput?.write ?? 0]);
        }
      }
    }
    for (const [name, rate] of targets) {
      if (rate > 0 && this.bucket(table, name, rate).tokens <= 0) throw throughputExceeded();
    }
  }

  /** Takes the request's consumed units from the buckets. */
  consume(table: Table, consumed: Consumed, indexName?: string): void {
    if (!this.applies(table)) return;
    const kind = consumed.kind;
    const index = indexName ? table.indexes.get(indexName) : undefined;
    if (kind === 'read' && index?.global) {
      const rate = index.throughput?.read ?? 0;
      if (rate > 0) this.bucket(table, `${index.name}:read`, rate).tokens -= consumed.total;
      return;
    }
    const rate = kind === 'read' ? table.throughput.read : table.throughput.write;
    // LSI reads and writes are charged to the table itself; GSIs have their own buckets.
    let gsiUnits = 0;
    for (const units of consumed.gsi.values()) gsiUnits += units;
    if (rate > 0) this.bucket(table, kind, rate).tokens -= consumed.total - gsiUnits;
    for (const [name, units] of consumed.gsi) {
      const rate = table.indexes.get(name)?.throughput?.write ?? 0;
      if (kind === 'write' && rate > 0) this.bucket(table, `${name}:write`, rate).tokens -= units;
    }
  }

  /** Drops a table's buckets (after its throughput changed they restart full). */
  forget(table: Table): void {
    this.buckets.delete(table);
  }
}
