// The TTL monitor: a background pass that deletes documents whose indexed date is older than the
// index's expireAfterSeconds. https://www.mongodb.com/docs/manual/core/index-ttl/
//  - only single-field indexes are TTL indexes (compound indexes ignore the option);
//  - a field holding an array expires on its earliest date;
//  - documents whose field is missing or not a date never expire;
//  - deletions go through the core's write path, so change streams see ordinary delete events.
// The real server runs the pass every 60 s (ttlMonitorSleepSecs); ours defaults to 1 s.
import type { Document } from 'bson';
import type { ServerCore } from '../core.ts';

export interface TtlIndex {
  db: string;
  coll: string;
  field: string;
  expireAfterSeconds: number;
  partialFilterExpression?: Document;
}

export function ttlIndexes(core: ServerCore): TtlIndex[] {
  const out: TtlIndex[] = [];
  for (const db of core.storage.listDatabases()) {
    for (const c of db.listCollections()) {
      for (const ix of c.indexes.values()) {
        const { key, expireAfterSeconds, partialFilterExpression } = ix.spec;
        const fields = Object.keys(key);
        if (typeof expireAfterSeconds !== 'number' || !Number.isFinite(expireAfterSeconds) || fields.length !== 1 || fields[0] === '_id') continue;
        out.push({ db: db.name, coll: c.name, field: fields[0], expireAfterSeconds, partialFilterExpression });
      }
    }
  }
  return out;
}

/**
 * Documents expired at `now` for one index. `$elemMatch` covers arrays (any element being an
 * expired date means the earliest one is); `$type: 'date'` keeps non-dates out of the comparison.
 */
export function expiredFilter(ix: TtlIndex, now: Date): Document {
  const cutoff = new Date(now.getTime() - ix.expireAfterSeconds * 1000);
  const expired: Document = {
    $or: [{ [ix.field]: { $type: 'date', $lt: cutoff } }, { [ix.field]: { $elemMatch: { $type: 'date', $lt: cutoff } } }],
  };
  return ix.partialFilterExpression ? { $and: [expired, ix.partialFilterExpression] } : expired;
}

/** One TTL pass; returns how many documents were deleted. */
export function sweep(core: ServerCore, now = new Date()): number {
  let deleted = 0;
  for (const ix of ttlIndexes(core)) {
    try {
      deleted += core.writes.deleteMany(ix.db, ix.coll, expiredFilter(ix, now));
    } catch (e) {
      // A collection dropped mid-pass, or a write conflict with an open transaction: retry next pass.
      core.log(`ttl: ${ix.db}.${ix.coll}: ${(e as Error).message}`);
    }
  }
  return deleted;
}

export class TtlMonitor {
  private timer: NodeJS.Timeout | undefined;
  private readonly core: ServerCore;
  private readonly intervalMs: number;

  constructor(core: ServerCore, intervalMs: number) {
    this.core = core;
    this.intervalMs = intervalMs;
  }

  start(): void {
    this.timer = setInterval(() => sweep(this.core), this.intervalMs);
    // The monitor must never keep a process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
