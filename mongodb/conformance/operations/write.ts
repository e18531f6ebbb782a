// Single-document and multi-document write operations (CRUD spec "Write" and "Find And Modify").
import { args, take, type OperationContext, type OperationFn } from './context.ts';

const coll = (ctx: OperationContext) => ctx.entities.collection(ctx.op.object);

/** The spec's enum "Before"/"After" → the driver's 'before'/'after'; anything else is a test-file error. */
function returnDocument(opts: Record<string, unknown>): Record<string, unknown> {
  if (opts.returnDocument === undefined) return opts;
  const v = String(opts.returnDocument).toLowerCase();
  if (v !== 'before' && v !== 'after') throw new Error(`invalid returnDocument ${String(opts.returnDocument)}`);
  return { ...opts, returnDocument: v };
}

export const writeOperations: Record<string, OperationFn> = {
  insertOne: async (ctx) => {
    const [{ document }, opts] = take(args(ctx), 'document');
    return coll(ctx).insertOne(document as never, opts);
  },
  insertMany: async (ctx) => {
    const [{ documents }, opts] = take(args(ctx), 'documents');
    return coll(ctx).insertMany(documents as never, opts);
  },
  updateOne: async (ctx) => {
    const [{ filter, update }, opts] = take(args(ctx), 'filter', 'update');
    return coll(ctx).updateOne(filter as never, update as never, opts);
  },
  updateMany: async (ctx) => {
    const [{ filter, update }, opts] = take(args(ctx), 'filter', 'update');
    return coll(ctx).updateMany(filter as never, update as never, opts);
  },
  replaceOne: async (ctx) => {
    const [{ filter, replacement }, opts] = take(args(ctx), 'filter', 'replacement');
    return coll(ctx).replaceOne(filter as never, replacement as never, opts);
  },
  deleteOne: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return coll(ctx).deleteOne(filter as never, opts);
  },
  deleteMany: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return coll(ctx).deleteMany(filter as never, opts);
  },
  findOneAndDelete: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return coll(ctx).findOneAndDelete(filter as never, opts);
  },
  findOneAndReplace: async (ctx) => {
    const [{ filter, replacement }, opts] = take(args(ctx), 'filter', 'replacement');
    return coll(ctx).findOneAndReplace(filter as never, replacement as never, returnDocument(opts));
  },
  findOneAndUpdate: async (ctx) => {
    const [{ filter, update }, opts] = take(args(ctx), 'filter', 'update');
    return coll(ctx).findOneAndUpdate(filter as never, update as never, returnDocument(opts));
  },
};
