// mingo operators replaced with BSON-aware versions: mingo compares by JS type name, so
// Decimal128/Long never compare with plain numbers and sort as strings, and $sum/$avg skip them.
// MongoDB compares all numeric types by value within one type bracket:
// https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
import { Decimal128, Long, type Document } from 'bson';
import { Lazy } from 'mingo/lazy';
import { $push } from 'mingo/operators/accumulator';
import { resolve } from 'mingo/util';
import type { Options } from 'mingo/types';
import { compareBson, toNumber, typeRank } from '../storage/bson-order.ts';
import { sortDocs, validateSort } from './sort.ts';
import { textScores } from './text.ts';
import { errors } from '../errors.ts';
import { add, divide, isWide, multiply, negate } from './numeric.ts';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import { evalExpr } from 'mingo/core';
import * as queryOps from 'mingo/operators/query';
import { collatorOf } from './collation.ts';

type Test = (c: number) => boolean;

/** Query comparison: true when some value at the path (or an array element) is in the same
 *  type bracket as the operand and compares as `test` wants. */
function comparison(test: Test) {
  return (selector: string, operand: unknown, options?: Options) => {
    const collator = collatorOf(options);
    return (obj: Document) => {
      const lhs = resolve(obj, selector, { unwrapArray: true });
      const values = Array.isArray(lhs) ? [...lhs, lhs] : [lhs];
      const rank = typeRank(operand);
      return values.some((v) => typeRank(v) === rank && (v !== undefined || operand === null) && test(compareBson(v, operand, collator)));
    };
  };
}

type QueryOp = (selector: string, operand: unknown, options: Options) => (obj: Document) => boolean;
const mingoQuery = queryOps as unknown as Record<string, QueryOp>;

/** Values a path offers to equality: the value, and for an array its elements (one level). */
function equalityCandidates(obj: Document, selector: string): unknown[] {
  const lhs = resolve(obj, selector, { unwrapArray: true });
  return Array.isArray(lhs) ? [...lhs.flatMap((x) => (Array.isArray(x) ? [x, ...x] : [x])), lhs] : [lhs];
}

/** Collated equality (null also matches a missing field), as mongod applies a query's collation. */
const collatedEquals = (values: unknown[], operand: unknown, collator: Intl.Collator) =>
  values.some((v) => (operand === null ? v === null || v === undefined : v !== undefined && compareBson(v, operand, collator) === 0));

const isRegex = (v: unknown) => v instanceof RegExp || (v as { _bsontype?: string })?._bsontype === 'BSONRegExp';

/** $in with a collation; regex members still match by pattern. */
function collatedIn(values: unknown[], list: unknown[], collator: Intl.Collator): boolean {
  return list.some((m) => (isRegex(m) ? values.some((v) => typeof v === 'string' && new RegExp((m as RegExp).source, (m as RegExp).flags).test(v)) : collatedEquals(values, m, collator)));
}

/** Equality-family operators: mingo's own unless the operation carries a collation. */
function collated(name: string, test: (values: unknown[], operand: unknown, collator: Intl.Collator) => boolean): QueryOp {
  return (selector, operand, options) => {
    const collator = collatorOf(options);
    if (!collator) return mingoQuery[name](selector, operand, options);
    return (obj) => test(equalityCandidates(obj, selector), operand, collator);
  };
}

export const queryOperators = {
  $gt: comparison((c) => c > 0),
  $gte: comparison((c) => c >= 0),
  $lt: comparison((c) => c < 0),
  $lte: comparison((c) => c <= 0),
  $eq: collated('$eq', collatedEquals),
  $ne: collated('$ne', (v, o, c) => !collatedEquals(v, o, c)),
  $in: collated('$in', (v, o, c) => collatedIn(v, o as unknown[], c)),
  $nin: collated('$nin', (v, o, c) => !collatedIn(v, o as unknown[], c)),
  $all: ((selector, operand, options) => {
    const collator = collatorOf(options);
    if (!collator) return mingoQuery.$all(selector, operand, options);
    const list = Array.isArray(operand) ? operand : [];
    // { $all: [{ $elemMatch: … }] } members are queries of their own (collated through options).
    const tests = list.map((m) => (isPlainDoc(m) && '$elemMatch' in m ? mingoQuery.$elemMatch(selector, m.$elemMatch, options) : (obj: Document) => collatedEquals(equalityCandidates(obj, selector), m, collator)));
    return (obj: Document) => tests.length > 0 && tests.every((t) => t(obj));
  }) as QueryOp,
};

const isPlainDoc = (v: unknown): v is Document => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** $sort stage in BSON order (arrays by their min/max element). */
function $sort(coll: { transform(fn: (docs: Document[]) => unknown): unknown }, spec: Document, options?: Options) {
  const keys = validateSort(spec);
  const collator = collatorOf(options);
  return coll.transform((docs) => Lazy(sortDocs(docs, keys, collator)));
}

type LazyDocs = { map(fn: (d: Document) => Document): LazyDocs };
const originalProject = (pipelineOps as unknown as Record<string, (c: LazyDocs, e: Document, o: Options) => LazyDocs>).$project;

/**
 * $project field order as mongod emits it: _id, then included fields in the input document's
 * order, then computed fields in the order the projection lists them (mingo sorts them by name).
 * $project maps documents 1:1 in order, so a queue pairs each output with its input.
 */
function $project(coll: LazyDocs, spec: Document, options: Options) {
  const computed = [...new Set(Object.entries(spec).filter(([, v]) => !(v === 1 || v === true || v === 0 || v === false)).map(([k]) => k.split('.')[0]))];
  const inputs: Document[] = [];
  const tracked = coll.map((d) => {
    inputs.push(d);
    return d;
  });
  return originalProject(tracked, spec, options).map((d) => {
    const input = inputs.shift() ?? {};
    const out: Document = {};
    if ('_id' in d) out._id = d._id;
    for (const k of Object.keys(input)) if (k in d && k !== '_id' && !computed.includes(k)) out[k] = d[k];
    for (const k of computed) if (k in d && k !== '_id') out[k] = d[k];
    for (const k of Object.keys(d)) if (!(k in out)) out[k] = d[k];
    return out;
  });
}

export const pipelineOperators = { $sort, $project };

const isNumeric = (v: unknown) => typeRank(v) === 3 && !(typeof v === 'number' && Number.isNaN(v));

function numericSum(values: unknown[]): number | Long | Decimal128 {
  return add(values);
}

/** $sum / $avg accumulators over every numeric type; non-numbers are ignored as in MongoDB. */
function $sum(coll: Document[], expr: unknown, options: Options) {
  if (typeof expr === 'number') return coll.length * expr;
  return numericSum(($push(coll, expr, options) as unknown[]).filter(isNumeric));
}

function $avg(coll: Document[], expr: unknown, options: Options) {
  const nums = ($push(coll, expr, options) as unknown[]).filter(isNumeric);
  if (nums.length === 0) return null;
  const sum = numericSum(nums);
  if (sum instanceof Decimal128) return Decimal128.fromString(String(Number((Number(sum.toString()) / nums.length).toPrecision(15))));
  return toNumber(sum) / nums.length;
}

/** $min / $max in BSON order, ignoring null and missing values as MongoDB does. */
function extreme(sign: 1 | -1) {
  return (coll: Document[], expr: unknown, options: Options) => {
    let best: unknown = null;
    for (const v of $push(coll, expr, options) as unknown[]) {
      if (v === null || v === undefined) continue;
      if (best === null || compareBson(v, best) * sign > 0) best = v;
    }
    return best;
  };
}

export const accumulatorOperators = { $sum, $avg, $min: extreme(-1), $max: extreme(1) };

type ExprOp = (obj: Document, expr: unknown, options: Options) => unknown;
const original = expressionOps as unknown as Record<string, ExprOp>;

/** Arithmetic expressions: Decimal128/Long operands are computed exactly; others go to mingo. */
function arithmetic(name: string, compute: (args: unknown[]) => unknown): ExprOp {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options as never) as unknown[];
    if (Array.isArray(args) && args.some(isWide) && args.every((a) => typeRank(a) === 3)) return compute(args);
    return original[name](obj, expr, options);
  };
}

/** { $meta: "textScore" } in aggregation: the score the $text stage gave this document. */
const $meta: ExprOp = (obj, expr) => {
  if (expr === 'textScore') return textScores.get(obj) ?? 0;
  if (expr === 'indexKey' || expr === 'searchScore') return null;
  throw errors.badValue(`$meta: unsupported metadata '${String(expr)}'`);
};

export const expressionOperators = {
  $meta,
  $add: arithmetic('$add', add),
  $multiply: arithmetic('$multiply', multiply),
  $subtract: arithmetic('$subtract', ([a, b]) => add([a, negate(b)])),
  $divide: arithmetic('$divide', ([a, b]) => divide(a, b)),
};
