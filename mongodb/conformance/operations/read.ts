// Collection/database read operations (CRUD spec "Read"): cursors are fully iterated, as the
// unified format requires for find and aggregate.
import type { Collection, Db } from 'mongodb';
import { args, take, type OperationContext, type OperationFn } from './context.ts';

function target(ctx: OperationContext): Db | Collection {
  const e = ctx.entities.get(ctx.op.object);
  return (e as Collection).collectionName !== undefined ? ctx.entities.collection(ctx.op.object) : ctx.entities.db(ctx.op.object);
}

export const readOperations: Record<string, OperationFn> = {
  aggregate: async (ctx) => {
    const [{ pipeline }, opts] = take(args(ctx), 'pipeline');
    return target(ctx).aggregate(pipeline as never, opts).toArray();
  },
  find: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return ctx.entities.collection(ctx.op.object).find(filter as never, opts).toArray();
  },
  findOne: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return ctx.entities.collection(ctx.op.object).findOne(filter as never, opts);
  },
  countDocuments: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return ctx.entities.collection(ctx.op.object).countDocuments(filter as never, opts);
  },
  // The deprecated `count` helper, still part of the CRUD spec.
  count: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return ctx.entities.collection(ctx.op.object).count(filter as never, opts);
  },
  estimatedDocumentCount: async (ctx) => ctx.entities.collection(ctx.op.object).estimatedDocumentCount(args(ctx)),
  distinct: async (ctx) => {
    const [{ fieldName, filter }, opts] = take(args(ctx), 'fieldName', 'filter');
    return ctx.entities.collection(ctx.op.object).distinct(fieldName as string, (filter ?? {}) as never, opts);
  },
};

/** Operations whose result is an iterable of root-level documents (spec: "Allowing Extra Fields"). */
export const ITERABLE_RESULTS = new Set(['aggregate', 'find', 'listCollections', 'listDatabases', 'listIndexes', 'runCursorCommand']);
