// The update and delete statements shared by update, delete and findAndModify.
import type { Document } from 'bson';
import type { DataView } from '../sessions/view.ts';
import { cloneDoc } from '../storage/clone.ts';
import { keyString } from '../storage/bson-order.ts';
import { applyUpdate, ensureId, updateKind, upsertSeed } from './update.ts';
import { runFind } from './find.ts';
import type { QueryEnv } from './mingo.ts';
import { parseCollation } from './collation.ts';
import { errors } from '../errors.ts';
import { validateId } from '../commands/insert.ts';

export interface UpdateStatement {
  q: Document;
  u: Document | Document[];
  multi?: boolean;
  upsert?: boolean;
  arrayFilters?: Document[];
  hint?: unknown;
  sort?: Document;
  collation?: unknown;
}

export interface UpdateResult {
  n: number;
  nModified: number;
  upsertedId?: unknown;
  before?: Document;
  after?: Document;
}

// Fields MongoDB 8.0 accepts in an update statement (`sort`, for single updates, is new in 8.0).
const UPDATE_FIELDS = new Set(['q', 'u', 'multi', 'upsert', 'arrayFilters', 'hint', 'collation', 'c', 'upsertSupplied', 'sort']);

/** IDL-level check of the whole batch: an unknown field fails the command, not one statement. */
export function checkStatementFields(stmts: unknown[], cmd: 'update' | 'delete'): void {
  const allowed = cmd === 'update' ? UPDATE_FIELDS : DELETE_FIELDS;
  for (const s of stmts) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) throw errors.typeMismatch(`BSON field '${cmd}.${cmd}s' must hold objects`);
    for (const k of Object.keys(s)) {
      if (!allowed.has(k)) throw errors.location(40415, `BSON field '${cmd}.${cmd}s.${k}' is an unknown field.`);
    }
  }
}

const DELETE_FIELDS = new Set(['q', 'limit', 'hint', 'collation']);

export function validateUpdateStatement(s: Document): UpdateStatement {
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw errors.typeMismatch('update statement must be an object');
  if (!s.q || typeof s.q !== 'object' || Array.isArray(s.q)) throw errors.typeMismatch(`BSON field 'update.updates.q' is the wrong type, expected type 'object'`);
  if (s.u === undefined) throw errors.location(40414, "BSON field 'update.updates.u' is missing but a required field");
  const kind = updateKind(s.u);
  if (kind === 'replacement' && s.multi) throw errors.failedToParse('multi update is not supported for replacement-style update');
  if (s.multi && s.sort !== undefined) throw errors.failedToParse('Cannot specify sort with multi=true');
  if (s.arrayFilters !== undefined && !Array.isArray(s.arrayFilters)) throw errors.typeMismatch(`BSON field 'update.updates.arrayFilters' is the wrong type, expected type 'array'`);
  if (kind !== 'operators' && s.arrayFilters?.length) throw errors.failedToParse('arrayFilters may not be specified for pipeline-style updates');
  parseCollation(s.collation);
  return s as UpdateStatement;
}

export function runUpdate(v: DataView, db: string, coll: string, s: UpdateStatement, cmdEnv: QueryEnv): UpdateResult {
  const env = withCollation(cmdEnv, s.collation);
  const found = runFind(v, db, coll, { filter: s.q, sort: s.sort, hint: s.hint, env, limit: s.multi ? 0 : 1 });
  const res: UpdateResult = { n: 0, nModified: 0 };
  for (let i = 0; i < found.docs.length; i++) {
    const before = found.docs[i];
    const { doc: after, modified } = applyUpdate(before, s.u, { filter: s.q, arrayFilters: s.arrayFilters, env });
    res.n++;
    if (modified) {
      res.nModified++;
      v.replace(db, coll, found.ids[i], before, after, updateKind(s.u) === 'replacement' ? 'replace' : 'update');
    }
    if (!s.multi) { res.before = before; res.after = after; }
  }
  if (res.n === 0 && s.upsert) {
    const kind = updateKind(s.u);
    const seed = upsertSeed(s.q);
    let doc: Document;
    if (kind === 'replacement') doc = { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...cloneDoc(s.u as Document) };
    else doc = applyUpdate(seed, s.u, { filter: s.q, arrayFilters: s.arrayFilters, env, inserting: true }).doc;
    doc = ensureId(doc);
    validateId(doc._id);
    v.insert(db, coll, doc);
    res.upsertedId = doc._id;
    res.after = doc;
  }
  return res;
}

export interface DeleteStatement { q: Document; limit: number; hint?: unknown; collation?: unknown; sort?: Document }

export function validateDeleteStatement(s: Document): DeleteStatement {
  if (!s || typeof s !== 'object' || !s.q || typeof s.q !== 'object') throw errors.typeMismatch(`BSON field 'delete.deletes.q' is the wrong type, expected type 'object'`);
  const limit = Number(s.limit ?? 0);
  if (limit !== 0 && limit !== 1) throw errors.failedToParse(`The limit field in delete objects must be 0 or 1. Got ${s.limit}`);
  parseCollation(s.collation);
  return { ...(s as DeleteStatement), limit };
}

export function runDelete(v: DataView, db: string, coll: string, s: DeleteStatement, cmdEnv: QueryEnv): Document[] {
  const env = withCollation(cmdEnv, s.collation);
  const found = runFind(v, db, coll, { filter: s.q, sort: s.sort, hint: s.hint, env, limit: s.limit });
  for (let i = 0; i < found.docs.length; i++) v.remove(db, coll, found.ids[i] ?? keyString(found.docs[i]._id), found.docs[i]);
  return found.docs;
}

/** A statement's collation applies to its filter, sort, positional `$` and arrayFilters. */
function withCollation(env: QueryEnv, raw: unknown): QueryEnv {
  const collation = parseCollation(raw);
  return collation ? { ...env, collation } : env;
}
