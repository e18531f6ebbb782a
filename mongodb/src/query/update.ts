// Applying an update to one document: operator updates (via mingo/updater), replacement
// documents and pipeline updates, with MongoDB's validation of each.
// https://www.mongodb.com/docs/manual/reference/operator/update/
import type { Document } from 'bson';
import { ObjectId } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { update as applyOperators } from 'mingo/updater';
import { cloneDoc } from '../storage/clone.ts';
import { compareBson } from '../storage/bson-order.ts';
import { assertNoScript, mingoOptions, updaterOptions, type QueryEnv } from './mingo.ts';
import { errors } from '../errors.ts';
import { checkOperatorTypes, widenNumericOps } from './update-checks.ts';
import { hasPositional, resolvePositional } from './positional.ts';

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$bit', '$currentDate', '$setOnInsert']);

export function updateKind(u: unknown): UpdateKind {
  if (Array.isArray(u)) return 'pipeline';
  if (!u || typeof u !== 'object') throw errors.failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length > 0 && keys[0].startsWith('$')) {
    for (const k of keys) {
      if (!k.startsWith('$')) throw errors.failedToParse(`Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`);
      if (!OPERATORS.has(k)) throw errors.failedToParse(`Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`);
      const arg = (u as Document)[k];
      if (!arg || typeof arg !== 'object' || Array.isArray(arg)) throw errors.failedToParse(`Modifiers operate on fields but we found type ${Array.isArray(arg) ? 'array' : typeof arg} instead. For example: {$mod: {<field>: ...}} not {${k}: ${JSON.stringify(arg)}}`);
    }
    return 'operators';
  }
  return 'replacement';
}

export interface UpdateOutcome { doc: Document; modified: boolean }

/**
 * Returns the updated copy of `doc`. `filter` resolves the positional `$` operator; `inserting`
 * makes $setOnInsert apply (upserts).
 */
export function applyUpdate(doc: Document, u: Document | Document[], opts: { filter?: Document; arrayFilters?: Document[]; env?: QueryEnv; inserting?: boolean }): UpdateOutcome {
  const kind = updateKind(u);
  if (kind === 'pipeline') assertNoScript(u);
  let next: Document;
  if (kind === 'replacement') {
    next = { _id: doc._id, ...cloneDoc(u as Document) };
    if (doc._id === undefined && next._id === undefined) delete next._id;
    if ('_id' in doc && compareBson(doc._id, next._id) !== 0) {
      throw errors.immutableField(`After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String(next._id)}`);
    }
    validateStoredDoc(next);
    return { doc: next, modified: !sameDoc(doc, next) };
  }
  if (kind === 'pipeline') {
    const out = new Aggregator(u as Document[], mingoOptions({ ...opts.env, cloneInput: true })).run([cloneDoc(doc)]);
    next = (out[0] as Document) ?? {};
    // A pipeline that drops _id (e.g. $replaceRoot) keeps the original one.
    if (next._id === undefined && doc._id !== undefined) next = { _id: doc._id, ...next };
  } else {
    next = cloneDoc(doc);
    const ops: Document = { ...(u as Document) };
    const onInsert = ops.$setOnInsert;
    delete ops.$setOnInsert;
    if (opts.inserting && onInsert) ops.$set = { ...(ops.$set ?? {}), ...onInsert };
    checkConflicts(ops);
    checkOperatorTypes(next, ops);
    widenNumericOps(next, ops);
    if (Object.keys(ops).length) {
      // mingo resolves `$` from a single filter key only; we resolve it as mongod does instead.
      const resolved = hasPositional(ops) ? resolvePositional(doc, ops, opts.filter, opts.env) : ops;
      try {
        applyOperators(next, resolved, opts.arrayFilters, undefined, { cloneMode: 'deep', queryOptions: updaterOptions(opts.env) });
      } catch (e) {
        if (e instanceof Error && /conflict/.test(e.message)) throw errors.conflictingUpdateOperators(e.message);
        if (e instanceof Error && /immutable field '_id'/.test(e.message)) throw errors.immutableField(e.message.replace(/\.$/, ''));
        throw errors.badValue(e instanceof Error ? e.message : String(e));
      }
    }
  }
  if ('_id' in doc && compareBson(doc._id, next._id) !== 0) {
    throw errors.immutableField("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  if (next._id === undefined && doc._id !== undefined) next = { _id: doc._id, ...next };
  return { doc: next, modified: !sameDoc(doc, next) };
}

function checkConflicts(ops: Document): void {
  const paths: string[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    for (const p of Object.keys(arg as Document)) {
      paths.push(p);
      if (op === '$rename') paths.push(String((arg as Document)[p]));
    }
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i], b = paths[j];
      if (a === b || a.startsWith(b + '.') || b.startsWith(a + '.')) {
        throw errors.conflictingUpdateOperators(`Updating the path '${b}' would create a conflict at '${a}'`);
      }
    }
  }
}

/** Top-level `$` field names can't be stored (dots and `$` inside names are fine since 5.0). */
export function validateStoredDoc(doc: Document): void {
  for (const k of Object.keys(doc)) {
    if (k.startsWith('$')) throw errors.dollarPrefixedFieldName(`The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`);
  }
}

const sameDoc = (a: Document, b: Document) => compareBson(a, b) === 0 && Object.keys(a).join() === Object.keys(b).join();

/** The document an upsert inserts: equality fields of the filter, then the update. */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const visit = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) { v.forEach(visit); continue; }
      if (k.startsWith('$')) continue;
      const plain = !v || typeof v !== 'object' || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype || !Object.keys(v).some((x) => x.startsWith('$'));
      if (plain) setPath(seed, k, cloneDoc({ v }).v);
      else if ('$eq' in (v as Document)) setPath(seed, k, (v as Document).$eq);
    }
  };
  visit(filter);
  return seed;
}

function setPath(doc: Document, path: string, v: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = v;
}

/** Adds an ObjectId _id when missing and moves _id first, as the server stores it. */
export function ensureId(doc: Document): Document {
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}
