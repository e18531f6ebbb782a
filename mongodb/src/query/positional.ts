// Resolving the positional `$` of an update path ("items.$.shipped") to an array index, the way
// mongod does it: the filter is matched against the document and the array position recorded by
// the matcher replaces `$`.
// https://www.mongodb.com/docs/manual/reference/operator/update/positional/
//
// With several conditions on the same array and no $elemMatch, the docs call the result
// ambiguous: mongod sorts the top-level AND's children (match type, then path) and each child that
// matches through an array element overwrites the recorded position, so the last one wins. We
// reproduce that order for the common operators; $elemMatch is the documented way to make one
// element satisfy every condition.
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { errors } from '../errors.ts';
import { mingoOptions, type QueryEnv } from './mingo.ts';

/** mongod's MatchExpression::MatchType order for the operators that record an element position. */
const MATCH_TYPE_RANK: Record<string, number> = {
  $lt: 2, $lte: 3, $eq: 4, $gt: 5, $gte: 6, $regex: 7, $mod: 8, $exists: 9, $in: 10,
  $bitsAllSet: 11, $bitsAllClear: 12, $bitsAnySet: 13, $bitsAnyClear: 14, $elemMatch: 17, $size: 19, $type: 20,
};

/** Operators that never record a position (negations) or that take a sibling ($options). */
const NO_POSITION = new Set(['$ne', '$nin', '$not', '$options']);

interface Condition { path: string; rank: number; filter: Document; order: number }

const POSITIONAL = /(^|\.)\$(\.|$)/;

export function hasPositional(ops: Document): boolean {
  return Object.values(ops).some((spec) => Object.keys(spec as Document).some((p) => POSITIONAL.test(p)));
}

/**
 * Returns `ops` with every `<array>.$` replaced by the matched index. Throws BadValue (2) when the
 * filter records no position for that array, as mongod does.
 */
export function resolvePositional(doc: Document, ops: Document, filter: Document | undefined, env?: QueryEnv): Document {
  const conditions = topLevelConditions(filter ?? {});
  const out: Document = {};
  for (const [op, spec] of Object.entries(ops)) {
    const next: Document = {};
    for (const [path, v] of Object.entries(spec as Document)) {
      const m = POSITIONAL.exec(path);
      if (!m) { next[path] = v; continue; }
      const field = path.slice(0, m.index);
      const index = matchedIndex(doc, field, conditions, env);
      if (index < 0) throw errors.badValue('The positional operator did not find the match needed from the query.');
      next[`${field}.${index}${path.slice(m.index + m[0].length - (m[2] ? 1 : 0))}`] = v;
    }
    out[op] = next;
  }
  return out;
}

/** The top-level AND's leaves (nested $and flattened, operators split), in mongod's sorted order. */
function topLevelConditions(filter: Document): Condition[] {
  const out: Condition[] = [];
  const visit = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) { v.forEach((c) => visit(c as Document)); continue; }
      if (k.startsWith('$')) continue;
      const isOps = v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).some((x) => x.startsWith('$'));
      if (!isOps) {
        out.push({ path: k, rank: v instanceof RegExp ? MATCH_TYPE_RANK.$regex : MATCH_TYPE_RANK.$eq, filter: { [k]: v }, order: out.length });
        continue;
      }
      for (const [op, arg] of Object.entries(v as Document)) {
        if (NO_POSITION.has(op) || !(op in MATCH_TYPE_RANK)) continue;
        const cond: Document = { [op]: arg };
        if (op === '$regex' && '$options' in (v as Document)) cond.$options = (v as Document).$options;
        out.push({ path: k, rank: MATCH_TYPE_RANK[op], filter: { [k]: cond }, order: out.length });
      }
    }
  };
  visit(filter);
  return out.sort((a, b) => a.rank - b.rank || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.order - b.order);
}

/** Index recorded by the last condition (in evaluation order) that matches through an element. */
function matchedIndex(doc: Document, field: string, conditions: Condition[], env?: QueryEnv): number {
  const arr = getPath(doc, field);
  if (!Array.isArray(arr)) return -1;
  let index = -1;
  for (const c of conditions) {
    if (c.path !== field && !c.path.startsWith(field + '.')) continue;
    const q = new Query(c.filter, mingoOptions(env));
    const i = arr.findIndex((e) => q.test(withPath(field, [e])));
    if (i >= 0) index = i;
  }
  return index;
}

function getPath(doc: Document, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Document)[p];
  }
  return cur;
}

function withPath(path: string, v: unknown): Document {
  const parts = path.split('.');
  const root: Document = {};
  let cur = root;
  for (const p of parts.slice(0, -1)) cur = cur[p] = {};
  cur[parts[parts.length - 1]] = v;
  return root;
}
