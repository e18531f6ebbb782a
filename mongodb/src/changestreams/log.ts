// The change history change streams read from: every event M1's core emits, numbered in order.
// It plays the oplog's part (https://www.mongodb.com/docs/manual/core/replica-set-oplog/): bounded,
// so resuming from an event that has fallen off fails like a resume from a rolled-over oplog.
import type { ChangeEvent } from '../core.ts';

export interface LoggedEvent {
  seq: number;
  event: ChangeEvent;
  wallTime: Date;
}

export class ChangeLog {
  private readonly entries: LoggedEvent[] = [];
  private nextSeq = 1;
  private readonly waiters = new Set<() => void>();
  private readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  append(event: ChangeEvent): void {
    this.entries.push({ seq: this.nextSeq++, event, wallTime: new Date() });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const wake of [...this.waiters]) wake();
  }

  /** Seq of the newest event (0 when none was ever logged). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Lowest seq a stream may resume after: older events are gone. */
  get oldestResumable(): number {
    return this.entries.length ? this.entries[0].seq - 1 : this.lastSeq;
  }

  /** Events with seq > `after`, oldest first. */
  since(after: number): LoggedEvent[] {
    if (!this.entries.length) return [];
    const start = Math.max(0, after - this.entries[0].seq + 1);
    return this.entries.slice(start);
  }

  /** The entry with this seq, if still held. */
  at(seq: number): LoggedEvent | undefined {
    return this.entries.length ? this.entries[seq - this.entries[0].seq] : undefined;
  }

  /** Resolves at the next append, after `ms`, or when `cancel` is called. */
  wait(ms: number): { done: Promise<void>; cancel: () => void } {
    let cancel = () => {};
    const done = new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.waiters.add(finish);
      cancel = finish;
    });
    return { done, cancel };
  }
}
