// A change stream's server cursor: reads the change log from a position, shapes and filters
// events, and for getMore with maxAwaitTimeMS waits for new events until the time runs out.
// https://www.mongodb.com/docs/manual/changeStreams/
import type { Document, Timestamp } from 'bson';
import type { ServerCore, ServerCursorSource } from '../core.ts';
import { changeStreamErrors } from './errors.ts';
import { classify, eventDocument, invalidateDocument } from './event.ts';
import type { ChangeLog } from './log.ts';
import type { StreamOptions } from './options.ts';
import { encodeToken } from './token.ts';

/** Events per batch when the client sets no batchSize (the server's limit is 16 MB of events). */
const DEFAULT_BATCH = 1000;

export class ChangeStreamCursor implements ServerCursorSource {
  readonly ns: string;
  private readonly core: ServerCore;
  private readonly log: ChangeLog;
  private readonly opts: StreamOptions;
  /** Seq of the last log entry examined. */
  private position: number;
  /** startAtOperationTime: events before it are skipped. */
  private readonly minTime?: Timestamp;
  /** Shaped events not yet returned (an event can expand to event + invalidate). */
  private pending: Document[] = [];
  private invalidated = false;
  private closed = false;
  private cancelWait = () => {};

  constructor(core: ServerCore, log: ChangeLog, opts: StreamOptions, ns: string, position: number, minTime?: Timestamp) {
    this.core = core;
    this.log = log;
    this.opts = opts;
    this.ns = ns;
    this.position = position;
    this.minTime = minTime;
  }

  async next(batchSize: number, awaitMs: number): Promise<{ docs: Document[]; exhausted: boolean; extra: Document }> {
    const limit = batchSize > 0 ? batchSize : DEFAULT_BATCH;
    const deadline = Date.now() + awaitMs;
    this.scan(limit);
    while (this.pending.length === 0 && !this.invalidated && !this.closed && Date.now() < deadline) {
      const w = this.log.wait(deadline - Date.now());
      this.cancelWait = w.cancel;
      await w.done;
      this.scan(limit);
    }
    const docs = this.pending.splice(0, limit);
    const exhausted = this.closed || (this.invalidated && this.pending.length === 0);
    return { docs, exhausted, extra: { postBatchResumeToken: this.resumeToken(docs) } };
  }

  close(): void {
    this.closed = true;
    this.cancelWait();
  }

  /** Moves events after `position` into `pending`, up to `limit` documents. */
  private scan(limit: number): void {
    if (this.invalidated) return;
    for (const logged of this.log.since(this.position)) {
      if (this.pending.length >= limit) return;
      this.position = logged.seq;
      if (this.minTime && logged.event.clusterTime.lessThan(this.minTime)) continue;
      const { visible, invalidates } = classify(logged.event, this.opts);
      if (visible) this.pending.push(...this.applyPipeline(eventDocument(this.core, logged, this.opts)));
      if (invalidates) {
        this.pending.push(invalidateDocument(logged));
        this.invalidated = true;
        return;
      }
    }
  }

  /** User stages after $changeStream, per event; they may drop it but not change its _id. */
  private applyPipeline(doc: Document): Document[] {
    if (this.opts.pipeline.length === 0) return [doc];
    const db = this.opts.scope.kind === 'cluster' ? 'admin' : this.opts.scope.db;
    const out = this.core.query.runPipeline([doc], this.opts.pipeline, { db });
    for (const d of out) {
      if ((d._id as Document | undefined)?._data !== (doc._id as Document)._data) throw changeStreamErrors.idModified();
    }
    return out;
  }

  /**
   * postBatchResumeToken: the last returned event's token when more are queued or nothing after it
   * was examined, otherwise a high-water mark at the scan position (resuming there skips the
   * events the stream filtered out).
   */
  private resumeToken(docs: Document[]): Document {
    const last = docs[docs.length - 1];
    if (last && this.pending.length > 0) return last._id as Document;
    const entry = this.log.at(this.position);
    if (last) {
      const lastId = last._id as Document;
      if (last.operationType === 'invalidate' || !entry || lastId._data === encodeToken(entry.event.clusterTime, entry.seq, 'event')._data) {
        return lastId;
      }
    }
    return encodeToken(entry ? entry.event.clusterTime : this.core.clock.now(), this.position, 'hwm');
  }
}
