// Shared plumbing for entity operations: the call context, argument preparation and
// conversion of driver model objects to plain documents.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#entity-test-operations
import type { MongoClient } from 'mongodb';
import { toReadPreference, type EntityMap } from '../entities.ts';
import type { Doc, Operation, ServerInfo } from '../types.ts';

export interface FailPointRecord {
  client: MongoClient;
  name: string;
}

export interface OperationContext {
  op: Operation;
  entities: EntityMap;
  server: ServerInfo;
  /** Fail points to switch off after the test (spec: "Disabling Fail Points"). */
  failPoints: FailPointRecord[];
}

export type OperationFn = (ctx: OperationContext) => Promise<unknown>;

/**
 * The operation's arguments with `session` resolved to its entity and read preference converted
 * (spec: "Special Handling for Arguments"). readConcern/writeConcern documents are accepted by the
 * driver as they are.
 */
export function args(ctx: OperationContext): Doc {
  const a: Doc = { ...(ctx.op.arguments ?? {}) };
  if (typeof a.session === 'string') a.session = ctx.entities.session(a.session);
  if (a.readPreference) a.readPreference = toReadPreference(a.readPreference as Doc);
  return a;
}

/** Splits named positional arguments off the options bag. */
export function take<K extends string>(a: Doc, ...names: K[]): [Record<K, unknown>, Doc] {
  const picked = {} as Record<K, unknown>;
  const rest: Doc = { ...a };
  for (const n of names) {
    picked[n] = rest[n];
    delete rest[n];
  }
  return [picked, rest];
}

/** Maps → documents keyed by the map key; other values unchanged. */
export function mapToDoc(v: unknown): unknown {
  if (!(v instanceof Map)) return v;
  return Object.fromEntries([...v].map(([k, x]) => [String(k), mapToDoc(x)]));
}

/** BulkWriteResult (getters on a class) → the CRUD spec's BulkWriteResult document. */
export function bulkResultDoc(r: unknown): Doc | undefined {
  if (r == null) return undefined;
  const b = r as Record<string, unknown>;
  return {
    insertedCount: b.insertedCount,
    matchedCount: b.matchedCount,
    modifiedCount: b.modifiedCount,
    deletedCount: b.deletedCount,
    upsertedCount: b.upsertedCount,
    insertedIds: b.insertedIds,
    upsertedIds: b.upsertedIds,
  };
}

/** Client-level bulk write result: the per-operation result maps become documents keyed by index. */
export function clientBulkResultDoc(r: unknown): Doc | undefined {
  if (r == null) return undefined;
  const b = r as Record<string, unknown>;
  return {
    insertedCount: b.insertedCount,
    upsertedCount: b.upsertedCount,
    matchedCount: b.matchedCount,
    modifiedCount: b.modifiedCount,
    deletedCount: b.deletedCount,
    insertResults: mapToDoc(b.insertResults),
    updateResults: b.updateResults instanceof Map ? mapToDoc(new Map([...b.updateResults].map(([k, r]) => [k, specUpdateResult(r)]))) : b.updateResults,
    deleteResults: mapToDoc(b.deleteResults),
  };
}

/**
 * The CRUD spec's UpdateResult is {matchedCount, modifiedCount, upsertedId}; Node adds `didUpsert`,
 * which nested-document matching would reject as an extra field.
 * https://github.com/mongodb/specifications/blob/master/source/crud/bulk-write.md
 */
function specUpdateResult(r: unknown): unknown {
  if (!r || typeof r !== 'object') return r;
  const { didUpsert: _ignored, ...rest } = r as Record<string, unknown>;
  return rest;
}
