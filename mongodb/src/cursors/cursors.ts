// Server-side cursors: find/aggregate results that don't fit the first batch, and tailable
// sources such as change streams. Ids are positive int64 values; 0 means "exhausted".
// https://www.mongodb.com/docs/manual/reference/command/getMore/
import type { Document } from 'bson';
import { BSON, Long } from 'bson';

/** Replies stay under maxBsonObjectSize (16 MiB) with room for the envelope. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
import type { ServerCursorSource } from '../core.ts';

export interface OpenCursor {
  id: Long;
  ns: string;
  source: ServerCursorSource;
  /** The lsid (as hex) the cursor was opened under. */
  owner?: string;
  lastUsed: number;
}

/** Idle cursors are closed after cursorTimeoutMillis (10 minutes), as mongod does. */
const CURSOR_TIMEOUT_MS = 10 * 60_000;

/** A cursor over an already-computed result list (find, aggregate, listCollections...). */
export class ArraySource implements ServerCursorSource {
  readonly ns: string;
  private docs: Document[];
  private pos = 0;
  constructor(ns: string, docs: Document[], start = 0) {
    this.ns = ns;
    this.docs = docs;
    this.pos = start;
  }
  async next(batchSize: number): Promise<{ docs: Document[]; exhausted: boolean }> {
    return this.take(batchSize);
  }
  /** Up to `batchSize` documents (0 = all), but never more than ~16 MiB in one reply. */
  take(batchSize: number): { docs: Document[]; exhausted: boolean } {
    const n = batchSize > 0 ? batchSize : this.docs.length;
    const out: Document[] = [];
    let bytes = 0;
    while (out.length < n && this.pos < this.docs.length) {
      const d = this.docs[this.pos];
      bytes += BSON.calculateObjectSize(d, { ignoreUndefined: true });
      if (out.length > 0 && bytes > MAX_BATCH_BYTES) break;
      out.push(d);
      this.pos++;
    }
    return { docs: out, exhausted: this.pos >= this.docs.length };
  }
}

export class CursorRegistry {
  private cursors = new Map<string, OpenCursor>();
  private nextId = BigInt(Date.now()) * 1000n;

  open(source: ServerCursorSource, owner?: string): Long {
    const id = Long.fromBigInt(++this.nextId);
    this.cursors.set(id.toString(), { id, ns: source.ns, source, owner, lastUsed: Date.now() });
    return id;
  }
  get(id: Long | number | bigint): OpenCursor | undefined {
    const c = this.cursors.get(String(id));
    if (c) c.lastUsed = Date.now();
    return c;
  }

  reap(now = Date.now()): number {
    let n = 0;
    for (const c of [...this.cursors.values()]) {
      if (now - c.lastUsed > CURSOR_TIMEOUT_MS) n += Number(this.close(c.id));
    }
    return n;
  }
  close(id: Long | number | bigint): boolean {
    const c = this.cursors.get(String(id));
    if (!c) return false;
    this.cursors.delete(String(id));
    c.source.close?.();
    return true;
  }
  closeAll(): void {
    for (const c of this.cursors.values()) c.source.close?.();
    this.cursors.clear();
  }
}

/**
 * Builds the `cursor` reply for the first batch, registering a cursor when more remains.
 * batchSize 0 returns an open cursor with an empty first batch, as the server does.
 */
export function firstBatch(registry: CursorRegistry, ns: string, docs: Document[], batchSize: number | undefined, singleBatch = false, owner?: string): Document {
  const size = batchSize === undefined ? 101 : batchSize;
  const src = new ArraySource(ns, docs);
  const batch = size === 0 && !singleBatch ? { docs: [], exhausted: docs.length === 0 } : src.take(singleBatch && batchSize === undefined ? docs.length : size);
  let id = Long.ZERO;
  if (!batch.exhausted && !singleBatch) id = registry.open(src, owner);
  return { cursor: { firstBatch: batch.docs, id, ns } };
}
