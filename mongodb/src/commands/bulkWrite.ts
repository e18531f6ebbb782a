// bulkWrite (MongoDB 8.0): inserts, updates and deletes across namespaces in one admin command.
// https://www.mongodb.com/docs/manual/reference/command/bulkWrite/
// Reply: a cursor of per-operation results ({ok, idx, n, nModified, upserted} or the error),
// only the errors when errorsOnly, plus nErrors, nInserted, nMatched, nModified, nUpserted, nDeleted.
import type { Document } from 'bson';
import type { CommandInvocation, CommandSpec } from '../core.ts';
import { firstBatch } from '../cursors/cursors.ts';
import { errors, toCommandError } from '../errors.ts';
import { ensureId } from '../query/update.ts';
import { runDelete, runUpdate, validateDeleteStatement, validateUpdateStatement } from '../query/write.ts';
import { cloneDoc } from '../storage/clone.ts';
import { validateCollectionName } from '../storage/storage.ts';
import type { DataView } from '../sessions/view.ts';
import { validateId } from './insert.ts';
import { isPlainObject, letVars, optBool, optDoc, optNonNegative, requireArray, view } from './util.ts';
import type { QueryEnv } from '../query/mingo.ts';

const OP_FIELDS: Record<string, Set<string>> = {
  insert: new Set(['insert', 'document']),
  update: new Set(['update', 'filter', 'updateMods', 'multi', 'upsert', 'arrayFilters', 'hint', 'sort', 'collation', 'constants']),
  delete: new Set(['delete', 'filter', 'multi', 'hint', 'collation']),
};

interface Totals { nErrors: number; nInserted: number; nMatched: number; nModified: number; nUpserted: number; nDeleted: number }

/** Kind of one `ops` entry: its first field names it and holds the nsInfo index. */
function opKind(op: unknown, i: number): 'insert' | 'update' | 'delete' {
  if (!isPlainObject(op)) throw errors.typeMismatch(`BSON field 'bulkWrite.ops.${i}' is the wrong type, expected type 'object'`);
  const kind = Object.keys(op)[0];
  if (kind !== 'insert' && kind !== 'update' && kind !== 'delete') throw errors.failedToParse(`Unrecognized bulkWrite operation: ${kind}`);
  for (const k of Object.keys(op)) {
    if (!OP_FIELDS[kind].has(k)) throw errors.location(40415, `BSON field 'bulkWrite.ops.${kind}.${k}' is an unknown field.`);
  }
  return kind;
}

function namespaces(inv: CommandInvocation): Array<{ db: string; coll: string }> {
  return requireArray(inv, 'nsInfo').map((n) => {
    if (!isPlainObject(n) || typeof n.ns !== 'string') throw errors.typeMismatch("BSON field 'bulkWrite.nsInfo.ns' is the wrong type, expected type 'string'");
    const dot = n.ns.indexOf('.');
    if (dot <= 0) throw errors.invalidNamespace(`Invalid namespace specified '${n.ns}'`);
    const ns = { db: n.ns.slice(0, dot), coll: n.ns.slice(dot + 1) };
    validateCollectionName(ns.db, ns.coll);
    return ns;
  });
}

/** Runs one operation; returns its result entry (without ok/idx) and adds to the totals. */
function runOp(v: DataView, kind: 'insert' | 'update' | 'delete', op: Document, ns: { db: string; coll: string }, env: QueryEnv, t: Totals): Document {
  if (kind === 'insert') {
    if (!isPlainObject(op.document)) throw errors.typeMismatch("BSON field 'bulkWrite.insert.document' is the wrong type, expected type 'object'");
    const doc = ensureId(cloneDoc(op.document));
    validateId(doc._id);
    v.insert(ns.db, ns.coll, doc);
    t.nInserted++;
    return { n: 1 };
  }
  if (kind === 'update') {
    if (op.multi && op.sort !== undefined) throw errors.failedToParse('Cannot specify sort with multi=true');
    const s = validateUpdateStatement({ q: op.filter, u: op.updateMods, multi: op.multi, upsert: op.upsert, arrayFilters: op.arrayFilters, hint: op.hint, sort: op.sort, collation: op.collation });
    const r = runUpdate(v, ns.db, ns.coll, s, op.constants ? { ...env, variables: { ...env.variables, ...op.constants } } : env);
    t.nMatched += r.n;
    t.nModified += r.nModified;
    if (r.upsertedId === undefined) return { n: r.n, nModified: r.nModified };
    t.nUpserted++;
    return { n: 1, nModified: 0, upserted: { _id: r.upsertedId } };
  }
  const n = runDelete(v, ns.db, ns.coll, validateDeleteStatement({ q: op.filter, limit: op.multi ? 0 : 1, hint: op.hint, collation: op.collation }), env).length;
  t.nDeleted += n;
  return { n };
}

export const bulkWrite: CommandSpec = {
  name: 'bulkWrite',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('The bulkWrite command can only be run against the admin database');
    const ops = requireArray(inv, 'ops');
    const nsInfo = namespaces(inv);
    const ordered = optBool(inv, 'ordered') ?? true;
    const errorsOnly = optBool(inv, 'errorsOnly') ?? false;
    const cursorOpts = optDoc(inv, 'cursor');
    const kinds = ops.map(opKind);
    ops.forEach((op, i) => {
      const ix = (op as Document)[kinds[i]];
      if (typeof ix !== 'number' || !Number.isInteger(ix) || ix < 0 || ix >= nsInfo.length) throw errors.badValue(`BulkWrite ops entry ${i} has an invalid nsInfo index.`);
    });
    const env: QueryEnv = { variables: letVars(inv) };
    const v = view(inv);
    const t: Totals = { nErrors: 0, nInserted: 0, nMatched: 0, nModified: 0, nUpserted: 0, nDeleted: 0 };
    const results: Document[] = [];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as Document;
      try {
        const r = runOp(v, kinds[i], op, nsInfo[op[kinds[i]] as number], env, t);
        if (!errorsOnly) results.push({ ok: 1, idx: i, ...r });
      } catch (e) {
        const err = toCommandError(e);
        // Inside a transaction the first failure aborts the whole command (and transaction).
        if (inv.txn) throw err;
        t.nErrors++;
        results.push({ ok: 0, idx: i, code: err.code, codeName: err.codeName, errmsg: err.message, ...err.extra, ...(kinds[i] === 'update' ? { n: 0, nModified: 0 } : { n: 0 }) });
        if (ordered) break;
      }
    }
    const batchSize = cursorOpts ? optNonNegative({ ...inv, name: 'bulkWrite.cursor', body: cursorOpts }, 'batchSize') : undefined;
    return { ...firstBatch(inv.core.cursors, 'admin.$cmd.bulkWrite', results, batchSize, false, inv.session?.key), ...t };
  },
};
