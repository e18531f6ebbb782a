// The `$changeStream` source stage: opens the stream cursor for `aggregate` and answers with the
// first batch (never waiting) and a postBatchResumeToken.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/changeStream/
import type { Document } from 'bson';
import type { CommandInvocation } from '../core.ts';
import { ChangeStreamCursor } from './cursor.ts';
import { changeStreamErrors } from './errors.ts';
import type { ChangeLog } from './log.ts';
import { parseStream, type StreamOptions } from './options.ts';
import { decodeToken } from './token.ts';

/** Where the stream starts reading: after this seq; history must still hold the next event. */
function startPosition(log: ChangeLog, opts: StreamOptions): number {
  const token = opts.resumeAfter ?? opts.startAfter;
  if (token !== undefined) {
    const t = decodeToken(token);
    if (t.kind === 'invalidate' && opts.resumeAfter !== undefined) throw changeStreamErrors.resumeFromInvalidate();
    if (t.seq < log.oldestResumable || t.seq > log.lastSeq) throw changeStreamErrors.historyLost();
    return t.seq;
  }
  const at = opts.startAtOperationTime;
  if (at) {
    const held = log.since(log.oldestResumable);
    // Once history was trimmed, a start time before the oldest held event may have lost events.
    if (log.oldestResumable > 0 && held.length > 0 && held[0].event.clusterTime.greaterThan(at)) throw changeStreamErrors.historyLost();
    const first = held.find((e) => !e.event.clusterTime.lessThan(at));
    return first ? first.seq - 1 : log.lastSeq;
  }
  return log.lastSeq;
}

export async function openChangeStream(inv: CommandInvocation, log: ChangeLog): Promise<Document> {
  const opts = parseStream(inv);
  const ns = opts.scope.kind === 'collection' ? `${inv.db}.${opts.scope.coll}` : `${inv.db}.$cmd.aggregate`;
  const cursor = new ChangeStreamCursor(inv.core, log, opts, ns, startPosition(log, opts), opts.startAtOperationTime);
  const cursorOpt = (inv.body.cursor ?? {}) as Document;
  const batchSize = typeof cursorOpt.batchSize === 'number' ? cursorOpt.batchSize : 0;
  const first = await cursor.next(batchSize, 0);
  const id = first.exhausted ? 0 : inv.core.cursors.open(cursor, inv.session?.key);
  return { cursor: { firstBatch: first.docs, postBatchResumeToken: first.extra.postBatchResumeToken, id, ns }, ok: 1 };
}
