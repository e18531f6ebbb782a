// The per-namespace operation log behind `opsLog()`: the last `limit` entries, oldest first.
// A ring buffer, so recording an entry costs the same whether the log is full or not
// (Array#shift on a full 10,000-entry array moves every element, once per request).

import type { OpLogEntry } from './actions/context.ts';

export class OpsLogRing {
  private readonly limit: number;
  private readonly entries: OpLogEntry[] = [];
  /** Index of the oldest entry once the buffer is full. */
  private start = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  push(entry: OpLogEntry): void {
    if (this.entries.length < this.limit) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.limit;
  }

  /** A copy, oldest first. */
  toArray(): OpLogEntry[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }
}
