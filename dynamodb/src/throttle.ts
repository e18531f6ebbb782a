// Throttling, as https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TroubleshootingThrottling.html
// describes it, for the two cases a course needs:
// - provisioned throughput (PROVISIONED tables): one token bucket per table and per GSI and
//   direction, refilled at the provisioned rate, holding up to 300 seconds of unused capacity
//   ("burst capacity", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html);
//   writes are also refused while a GSI is out of write capacity;
// - hot keys (both billing modes), opt-in: one partition key may use at most `partitionRead`
//   RCU and `partitionWrite` WCU per second. DynamoDB's partition maximums are 3,000 and 1,000,
//   but it also splits hot partitions by sort key, so a fixed per-key cap would throttle
//   ordinary loops (say, paging through a big item collection) that DynamoDB serves; a lab that
//   wants to show a hot key sets small limits.
// A request is refused with ProvisionedThroughputExceededException, carrying ThrottlingReasons,
// when a bucket it needs is empty; its actual cost is taken afterwards (buckets may go negative).

import type { Consumed } from './capacity.ts';
import { throughputExceeded } from './errors.ts';
import type { Table } from './storage/table.ts';

const BURST_SECONDS = 300;
// Hot-key buckets of idle keys are dropped once there are this many.
const MAX_KEY_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
  rate: number;
  capacity: number;
}

export interface ThrottleOptions {
  enabled?: boolean;
  now?: () => number;
  /** Per partition key limits (units per second); unset = no per-key limit. */
  partitionRead?: number;
  partitionWrite?: number;
}

type Kind = 'read' | 'write';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class Throttle {
  readonly enabled: boolean;
  private readonly now: () => number;
  private readonly partitionLimit: Record<Kind, number | undefined>;
  private readonly buckets = new WeakMap<Table, Map<string, Bucket>>();

  constructor(options: ThrottleOptions = {}) {
    this.enabled = options.enabled ?? true;
    this.now = options.now ?? Date.now;
    this.partitionLimit = { read: options.partitionRead, write: options.partitionWrite };
  }

  private bucket(table: Table, name: string, rate: number, capacity = rate * BURST_SECONDS): Bucket {
    let map = this.buckets.get(table);
    if (!map) this.buckets.set(table, (map = new Map()));
    let b = map.get(name);
    const now = this.now();
    if (!b || b.rate !== rate || b.capacity !== capacity) {
      if (!b && map.size >= MAX_KEY_BUCKETS) this.prune(map, now);
      b = { tokens: capacity, at: now, rate, capacity };
      map.set(name, b);
    }
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    return b;
  }

  /** Forgets key buckets that have refilled completely (they would start full anyway). */
  private prune(map: Map<string, Bucket>, now: number): void {
    for (const [name, b] of map) {
      if (name.startsWith('key:') && b.tokens + ((now - b.at) / 1000) * b.rate >= b.capacity) map.delete(name);
    }
  }

  private provisioned(table: Table): boolean {
    return this.enabled && table.billingMode === 'PROVISIONED';
  }

  private static keyBucket(kind: Kind, indexName: string | undefined, partitionKey: string): string {
    return `key:${kind}:${indexName ?? ''}:${partitionKey}`;
  }

  /**
   * Refuses the request when the table, a GSI it touches, or its partition key has no capacity
   * left. `partitionKey` is the type-tagged hash key value (attributes.ts keyString) when the
   * request targets one partition.
   */
  check(table: Table, kind: Kind, indexName?: string, partitionKey?: string): void {
    if (!this.enabled) return;
    const index = indexName ? table.indexes.get(indexName) : undefined;
    const onIndex = kind === 'read' && index?.global;
    if (this.provisioned(table)) {
      const targets: Array<[string, number, string, string]> = [];
      if (onIndex) targets.push([`${index.name}:read`, index.throughput?.read ?? 0, 'Index', `${table.arn}/index/${index.name}`]);
      else targets.push([kind, kind === 'read' ? table.throughput.read : table.throughput.write, 'Table', table.arn]);
      if (kind === 'write') {
        for (const gsi of table.indexes.values()) {
          if (gsi.global) targets.push([`${gsi.name}:write`, gsi.throughput?.write ?? 0, 'Index', `${table.arn}/index/${gsi.name}`]);
        }
      }
      for (const [name, rate, type, resource] of targets) {
        if (rate > 0 && this.bucket(table, name, rate).tokens <= 0) {
          throw throughputExceeded([{ reason: `${type}${cap(kind)}ProvisionedThroughputExceeded`, resource }]);
        }
      }
    }
    const limit = this.partitionLimit[kind];
    if (partitionKey !== undefined && limit !== undefined) {
      const name = Throttle.keyBucket(kind, onIndex ? index.name : undefined, partitionKey);
      if (this.bucket(table, name, limit, limit).tokens <= 0) {
        const resource = onIndex ? `${table.arn}/index/${index.name}` : table.arn;
        throw throughputExceeded([{ reason: `${onIndex ? 'Index' : 'Table'}${cap(kind)}KeyRangeThroughputExceeded`, resource }]);
      }
    }
  }

  /** Takes the request's consumed units from the buckets it used. */
  consume(table: Table, consumed: Consumed, indexName?: string, partitionKey?: string): void {
    if (!this.enabled) return;
    const kind = consumed.kind;
    const index = indexName ? table.indexes.get(indexName) : undefined;
    const onIndex = kind === 'read' && index?.global;
    const limit = this.partitionLimit[kind];
    if (partitionKey !== undefined && limit !== undefined) {
      this.bucket(table, Throttle.keyBucket(kind, onIndex ? index.name : undefined, partitionKey), limit, limit).tokens -= consumed.total;
    }
    if (!this.provisioned(table)) return;
    if (onIndex) {
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
      const gsiRate = table.indexes.get(name)?.throughput?.write ?? 0;
      if (kind === 'write' && gsiRate > 0) this.bucket(table, `${name}:write`, gsiRate).tokens -= units;
    }
  }

  /** Drops a table's buckets (after its throughput changed they restart full). */
  forget(table: Table): void {
    this.buckets.delete(table);
  }
}
