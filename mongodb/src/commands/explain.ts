// explain: https://www.mongodb.com/docs/manual/reference/command/explain/
// queryPlanner.winningPlan is FETCH over IXSCAN (indexName, keyPattern) or a COLLSCAN, with
// executionStats (totalKeysExamined, totalDocsExamined, nReturned) as the indexes chapter teaches.
import type { Document } from 'bson';
import type { CommandInvocation, CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { runFind } from '../query/find.ts';
import { parseCollation } from '../query/collation.ts';
import { runPipeline } from '../query/pipeline.ts';
import type { Plan } from '../storage/planner.ts';
import { SERVER_VERSION } from './buildInfo.ts';
import { view } from './util.ts';

interface Shape { sort?: Document; limit?: number; skip?: number }

/** Classic-engine plan tree: [LIMIT] ← [SKIP] ← [SORT] ← FETCH ← IXSCAN | COLLSCAN. */
function winningPlan(plan: Plan, filter: Document | undefined, shape: Shape = {}): Document {
  let stage = accessStage(plan, filter);
  const hasSort = shape.sort && Object.keys(shape.sort).length > 0;
  if (hasSort && !plan.providesSort) {
    stage = { stage: 'SORT', sortPattern: shape.sort, memLimit: 104857600, ...(shape.limit ? { limitAmount: (shape.limit ?? 0) + (shape.skip ?? 0) } : {}), type: 'simple', inputStage: stage };
  }
  if (shape.skip) stage = { stage: 'SKIP', skipAmount: shape.skip, inputStage: stage };
  if (shape.limit && !(hasSort && !plan.providesSort)) stage = { stage: 'LIMIT', limitAmount: shape.limit, inputStage: stage };
  return stage;
}

function accessStage(plan: Plan, filter: Document | undefined): Document {
  if (plan.textSearch && plan.index) {
    return { stage: 'TEXT_MATCH', indexName: plan.index.spec.name, inputStage: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', keyPattern: plan.index.spec.key, indexName: plan.index.spec.name, direction: 'backward' } } };
  }
  if (!plan.index) return { stage: 'COLLSCAN', filter: filter ?? {}, direction: 'forward' };
  const ix = plan.index;
  const dir = plan.direction ?? 'forward';
  return {
    stage: 'FETCH',
    ...(filter && Object.keys(filter).length ? { filter } : {}),
    inputStage: {
      stage: 'IXSCAN',
      keyPattern: ix.spec.key,
      indexName: ix.spec.name,
      isMultiKey: ix.multikey,
      isUnique: !!ix.spec.unique,
      isSparse: !!ix.spec.sparse,
      isPartial: !!ix.spec.partialFilterExpression,
      direction: dir,
    },
  };
}

function envelope(inv: CommandInvocation, ns: string, filter: Document | undefined, plan: Plan, stats: { keysExamined: number; docsExamined: number }, nReturned: number, ms: number, shape: Shape = {}): Document {
  const wp = winningPlan(plan, filter, shape);
  return {
    explainVersion: '1',
    queryPlanner: { namespace: ns, indexFilterSet: false, parsedQuery: filter ?? {}, winningPlan: wp, rejectedPlans: [] },
    executionStats: {
      executionSuccess: true,
      nReturned,
      executionTimeMillis: ms,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: withStageStats(wp, stats, nReturned),
    },
    serverInfo: { host: inv.core.address ?? 'localhost', port: 0, version: SERVER_VERSION },
    command: inv.body,
  };
}

/** executionStages: the plan tree with per-stage counters (keys on IXSCAN, documents on FETCH/COLLSCAN). */
function withStageStats(stage: Document, stats: { keysExamined: number; docsExamined: number }, nReturned: number): Document {
  const out: Document = { ...stage, nReturned };
  if (stage.stage === 'IXSCAN') out.keysExamined = stats.keysExamined;
  if (stage.stage === 'FETCH' || stage.stage === 'COLLSCAN') out.docsExamined = stats.docsExamined;
  if (stage.inputStage) out.inputStage = withStageStats(stage.inputStage as Document, stats, stage.stage === 'FETCH' ? stats.docsExamined : nReturned);
  return out;
}

export function explainAggregate(inv: CommandInvocation, coll: string, pipeline: Document[]): Document {
  const t0 = performance.now();
  const first = pipeline[0] && '$match' in pipeline[0] ? (pipeline[0].$match as Document) : undefined;
  const v = view(inv);
  const scan = v.scan(inv.db, coll, first, { hint: inv.body.hint });
  const out = runPipeline(v, inv.db, scan.docs.map((e) => e[1]), pipeline.filter((s) => !('$out' in s || '$merge' in s)));
  return { ...envelope(inv, `${inv.db}.${coll}`, first, scan.plan, scan.stats, out.length, performance.now() - t0), stages: pipeline };
}

export const explain: CommandSpec = {
  name: 'explain',
  run(inv) {
    const inner = inv.body.explain as Document;
    if (!inner || typeof inner !== 'object') throw errors.typeMismatch("BSON field 'explain.explain' is the wrong type, expected type 'object'");
    const name = Object.keys(inner)[0];
    const coll = inner[name];
    if (typeof coll !== 'string' && name !== 'aggregate') throw errors.invalidNamespace('explain requires a collection');
    const sub: CommandInvocation = { ...inv, name, body: inner };
    const v = view(inv);
    const t0 = performance.now();
    const ns = `${inv.db}.${coll}`;
    switch (name) {
      case 'find': {
        const out = runFind(v, inv.db, coll, { filter: inner.filter, sort: inner.sort, skip: inner.skip, limit: inner.limit, projection: inner.projection, hint: inner.hint, env: { collation: parseCollation(inner.collation) } });
        return envelope(sub, ns, inner.filter, out.plan, out.stats, out.docs.length, performance.now() - t0, { sort: inner.sort, limit: inner.limit, skip: inner.skip });
      }
      case 'count': {
        const out = runFind(v, inv.db, coll, { filter: inner.query, hint: inner.hint });
        return envelope(sub, ns, inner.query, out.plan, out.stats, out.docs.length, performance.now() - t0);
      }
      case 'aggregate':
        return explainAggregate(sub, typeof coll === 'string' ? coll : '$cmd.aggregate', inner.pipeline ?? []);
      case 'distinct': {
        const out = runFind(v, inv.db, coll, { filter: inner.query, hint: inner.hint });
        return envelope(sub, ns, inner.query, out.plan, out.stats, out.docs.length, performance.now() - t0);
      }
      case 'update': case 'delete': case 'findAndModify': {
        const stmt = name === 'findAndModify' ? { q: inner.query } : ((inner[name === 'update' ? 'updates' : 'deletes'] as Document[])?.[0] ?? { q: {} });
        const scan = v.scan(inv.db, coll, stmt.q, { hint: stmt.hint });
        return envelope(sub, ns, stmt.q, scan.plan, scan.stats, scan.docs.length, performance.now() - t0);
      }
      default:
        throw errors.illegalOperation(`Explain is not supported for command '${name}'`);
    }
  },
};
