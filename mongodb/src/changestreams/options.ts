// Parsing of the $changeStream stage and the scope it watches.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/changeStream/
import { Timestamp, type Document } from 'bson';
import type { CommandInvocation } from '../core.ts';
import { changeStreamErrors } from './errors.ts';

export type Scope = { kind: 'collection'; db: string; coll: string } | { kind: 'database'; db: string } | { kind: 'cluster' };

export interface StreamOptions {
  scope: Scope;
  fullDocument: 'default' | 'updateLookup' | 'whenAvailable' | 'required';
  fullDocumentBeforeChange: 'off' | 'whenAvailable' | 'required';
  resumeAfter?: Document;
  startAfter?: Document;
  startAtOperationTime?: Timestamp;
  showExpandedEvents: boolean;
  /** Stages after $changeStream, applied to each event. */
  pipeline: Document[];
}

const FULL_DOCUMENT = ['default', 'updateLookup', 'whenAvailable', 'required'] as const;
const BEFORE_CHANGE = ['off', 'whenAvailable', 'required'] as const;
const KNOWN = new Set(['fullDocument', 'fullDocumentBeforeChange', 'resumeAfter', 'startAfter', 'startAtOperationTime', 'allChangesForCluster', 'showExpandedEvents']);
/** Stages the server allows after $changeStream. */
const ALLOWED_STAGES = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$redact']);
const INTERNAL_DBS = new Set(['admin', 'config', 'local']);

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'string') throw changeStreamErrors.typeMismatch(field, 'string');
  if (!allowed.includes(v as T)) throw changeStreamErrors.badEnum(field, v);
  return v as T;
}

function scopeOf(inv: CommandInvocation, cluster: boolean): Scope {
  const coll = inv.body.aggregate;
  if (cluster) {
    if (inv.db !== 'admin' || coll !== 1) throw changeStreamErrors.clusterNotOnAdmin();
    return { kind: 'cluster' };
  }
  if (INTERNAL_DBS.has(inv.db)) throw changeStreamErrors.internalDb(inv.db);
  return typeof coll === 'string' ? { kind: 'collection', db: inv.db, coll } : { kind: 'database', db: inv.db };
}

export function parseStream(inv: CommandInvocation): StreamOptions {
  if (inv.txn) throw changeStreamErrors.inTransaction();
  const [first, ...rest] = inv.body.pipeline as Document[];
  const spec = first.$changeStream;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw changeStreamErrors.typeMismatch('', 'object');
  const s = spec as Document;
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw changeStreamErrors.unknownOption(k);
  const resumeOptions = ['resumeAfter', 'startAfter', 'startAtOperationTime'].filter((k) => s[k] !== undefined);
  if (resumeOptions.length > 1) throw changeStreamErrors.multipleResumeOptions();
  if (s.startAtOperationTime !== undefined && !(s.startAtOperationTime instanceof Timestamp)) {
    throw changeStreamErrors.typeMismatch('startAtOperationTime', 'timestamp');
  }
  for (const stage of rest) {
    const name = Object.keys(stage)[0];
    if (!ALLOWED_STAGES.has(name)) throw changeStreamErrors.stageNotAllowed(name);
  }
  return {
    scope: scopeOf(inv, s.allChangesForCluster === true),
    fullDocument: oneOf('fullDocument', s.fullDocument, FULL_DOCUMENT, 'default'),
    fullDocumentBeforeChange: oneOf('fullDocumentBeforeChange', s.fullDocumentBeforeChange, BEFORE_CHANGE, 'off'),
    resumeAfter: s.resumeAfter as Document | undefined,
    startAfter: s.startAfter as Document | undefined,
    startAtOperationTime: s.startAtOperationTime as Timestamp | undefined,
    showExpandedEvents: s.showExpandedEvents === true,
    pipeline: rest,
  };
}

export function isInternalDb(db: string): boolean {
  return INTERNAL_DBS.has(db);
}
