// One place that configures mingo for MongoDB semantics (strict mode, `_id` as id key, `let`
// variables, `$lookup`-style collection resolution) so find, update and aggregate agree.
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as queryOps from 'mingo/operators/query';
import * as projectionOps from 'mingo/operators/projection';
import * as expressionOps from 'mingo/operators/expression';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as windowOps from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { CommandError, errors } from '../errors.ts';
import { jsonSchemaValidator } from './json-schema.ts';
import type { CollationSpec } from './collation.ts';
import { accumulatorOperators, expressionOperators, pipelineOperators, queryOperators } from './bson-operators.ts';

const context = Context.init({
  pipeline: { ...pipelineOps, ...pipelineOperators } as never,
  query: { ...queryOps, ...queryOperators } as never,
  projection: projectionOps as never,
  expression: { ...expressionOps, ...expressionOperators } as never,
  accumulator: { ...accumulatorOps, ...accumulatorOperators } as never,
  window: windowOps as never,
});

// mingo's updater copies the whole operator context on every call; giving it only our query
// overrides (it registers the rest itself) keeps per-document updates cheap.
const updaterContext = Context.init({ query: queryOperators as never });

export function updaterOptions(env: QueryEnv = {}): Partial<Options> {
  return { ...mingoOptions(env), context: updaterContext };
}

export interface QueryEnv {
  /** `let` variables of the command (find/aggregate/update/delete). */
  variables?: Document;
  /** Resolves "coll" names for $lookup/$unionWith/$graphLookup. */
  resolve?: (coll: string) => Document[];
  /** true when documents must not be mutated by the engine (stored documents). */
  cloneInput?: boolean;
  /** The operation's collation (validated by parseCollation); absent = simple binary comparison. */
  collation?: CollationSpec;
}

export function mingoOptions(env: QueryEnv = {}): Partial<Options> {
  return {
    idKey: '_id',
    useStrictMode: true,
    // mingo's $setWindowFields is built on $function internally, so mingo's switch stays on;
    // client-supplied $where/$function/$accumulator are refused by assertNoScript instead.
    scriptEnabled: true,
    context,
    processingMode: env.cloneInput ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
    variables: env.variables,
    collectionResolver: env.resolve,
    jsonSchemaValidator: jsonSchemaValidator as Options['jsonSchemaValidator'],
    ...(env.collation ? { collation: env.collation as Options['collation'] } : {}),
  };
}

const SCRIPT_OPERATORS = new Set(['$where', '$function', '$accumulator']);

/**
 * Server-side JavaScript would run client code inside this process (learner code is untrusted),
 * so it is refused as on a mongod started with --noscripting.
 * https://www.mongodb.com/docs/manual/core/server-side-javascript/
 */
export function assertNoScript(value: unknown, depth = 0): void {
  if (!value || typeof value !== 'object' || depth > 200) return;
  if (Array.isArray(value)) {
    for (const v of value) assertNoScript(v, depth + 1);
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const [k, v] of Object.entries(value)) {
    if (SCRIPT_OPERATORS.has(k)) throw errors.location(31264, `${k} is not allowed: server-side JavaScript is disabled on this server`);
    assertNoScript(v, depth + 1);
  }
}

/** Compiles a filter; an invalid one is BadValue (2) like the server's parse errors. */
export function compileFilter(filter: Document | undefined, env: QueryEnv = {}): Query {
  assertNoScript(filter);
  try {
    return new Query(filter ?? {}, mingoOptions(env));
  } catch (e) {
    if (e instanceof CommandError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const unknown = /unknown query operator (\$\w+)/.exec(msg);
    throw errors.badValue(unknown ? `unknown operator: ${unknown[1]}` : msg);
  }
}

export function evalLet(vars: Document): Document {
  assertNoScript(vars);
  const out: Document = {};
  for (const [k, v] of Object.entries(vars)) {
    try {
      out[k] = evalExpr({}, v, mingoOptions() as Options);
    } catch (e) {
      throw errors.badValue(e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}
