// Shapes a logged core event into the change event documents a stream returns.
// https://www.mongodb.com/docs/manual/reference/change-events/
import type { Document } from 'bson';
import type { ChangeEvent, ServerCore } from '../core.ts';
import { DataView } from '../sessions/view.ts';
import { cloneDoc } from '../storage/clone.ts';
import { describeUpdate } from './diff.ts';
import { changeStreamErrors } from './errors.ts';
import type { LoggedEvent } from './log.ts';
import { isInternalDb, type StreamOptions } from './options.ts';
import { encodeToken } from './token.ts';

const DATA_EVENTS = new Set(['insert', 'update', 'replace', 'delete']);
/** Reported only with showExpandedEvents (https://www.mongodb.com/docs/manual/reference/change-events/#expanded-events). */
const EXPANDED_EVENTS = new Set(['create', 'createIndexes', 'dropIndexes']);

/** Whether the stream reports this event, and whether it invalidates the stream afterwards. */
export function classify(e: ChangeEvent, opts: StreamOptions): { visible: boolean; invalidates: boolean } {
  const hidden = { visible: false, invalidates: false };
  if (isInternalDb(e.ns.db) || e.ns.coll?.startsWith('system.')) return hidden;
  if (EXPANDED_EVENTS.has(e.operationType) && !opts.showExpandedEvents) return hidden;
  const scope = opts.scope;
  if (scope.kind === 'cluster') return { visible: true, invalidates: false };
  if (e.ns.db !== scope.db) return hidden;
  if (scope.kind === 'database') return { visible: true, invalidates: e.operationType === 'dropDatabase' };
  // Collection streams: a dropDatabase arrives after the per-collection drop that already invalidated.
  if (e.operationType === 'dropDatabase') return { visible: false, invalidates: true };
  if (e.ns.coll !== scope.coll) return hidden;
  return { visible: true, invalidates: e.operationType === 'drop' || e.operationType === 'rename' };
}

function lookup(core: ServerCore, e: ChangeEvent): Document | null {
  const hit = new DataView(core).scan(e.ns.db, e.ns.coll!, { _id: e.documentKey!._id }, { limit: 1 }).docs[0];
  return hit ? cloneDoc(hit[1]) : null;
}

function fullDocumentFor(core: ServerCore, e: ChangeEvent, opts: StreamOptions): Document | null | undefined {
  if (e.operationType === 'insert' || e.operationType === 'replace') return e.fullDocument;
  if (e.operationType !== 'update') return undefined;
  switch (opts.fullDocument) {
    case 'updateLookup':
      // The document as it is now, which may differ from the post-image (or be gone: null).
      return lookup(core, e);
    case 'whenAvailable':
      return e.fullDocument ?? null;
    case 'required':
      if (!e.fullDocument) throw changeStreamErrors.postImageMissing();
      return e.fullDocument;
    default:
      return undefined;
  }
}

export function eventDocument(core: ServerCore, logged: LoggedEvent, opts: StreamOptions): Document {
  const e = logged.event;
  const doc: Document = { _id: encodeToken(e.clusterTime, logged.seq, 'event'), operationType: e.operationType, clusterTime: e.clusterTime, wallTime: logged.wallTime };
  const full = fullDocumentFor(core, e, opts);
  if (full !== undefined) doc.fullDocument = full;
  doc.ns = e.ns.coll === undefined ? { db: e.ns.db } : { db: e.ns.db, coll: e.ns.coll };
  if (e.operationType === 'rename' && e.to) doc.to = { db: e.to.db, coll: e.to.coll };
  if (DATA_EVENTS.has(e.operationType) && e.documentKey) doc.documentKey = { _id: e.documentKey._id };
  if (e.operationType === 'update') doc.updateDescription = e.updateDescription ?? describeUpdate(e.fullDocumentBeforeChange, e.fullDocument);
  if (opts.fullDocumentBeforeChange !== 'off' && (e.operationType === 'update' || e.operationType === 'replace' || e.operationType === 'delete')) {
    if (opts.fullDocumentBeforeChange === 'required' && !e.fullDocumentBeforeChange) throw changeStreamErrors.postImageMissing();
    doc.fullDocumentBeforeChange = e.fullDocumentBeforeChange ?? null;
  }
  if (e.txnNumber !== undefined) doc.txnNumber = e.txnNumber;
  if (e.lsid !== undefined) doc.lsid = e.lsid;
  // Documents in the log are shared between streams; callers and their pipelines get copies.
  return cloneDoc(doc);
}

export function invalidateDocument(logged: LoggedEvent): Document {
  return {
    _id: encodeToken(logged.event.clusterTime, logged.seq, 'invalidate'),
    operationType: 'invalidate',
    clusterTime: logged.event.clusterTime,
    wallTime: logged.wallTime,
  };
}
