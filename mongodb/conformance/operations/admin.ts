// Collection and index management operations the CRUD tests use for setup inside a test.
import { args, take, type OperationFn } from './context.ts';

export const adminOperations: Record<string, OperationFn> = {
  createCollection: async (ctx) => {
    const [{ collection }, opts] = take(args(ctx), 'collection');
    await ctx.entities.db(ctx.op.object).createCollection(collection as string, opts);
  },
  dropCollection: async (ctx) => {
    const [{ collection }, opts] = take(args(ctx), 'collection');
    return ctx.entities.db(ctx.op.object).dropCollection(collection as string, opts);
  },
  createIndex: async (ctx) => {
    const [{ keys }, opts] = take(args(ctx), 'keys');
    return ctx.entities.collection(ctx.op.object).createIndex(keys as never, opts);
  },
  // No driver helper exists: the unified runners send collMod themselves.
  modifyCollection: async (ctx) => {
    const [{ collection }, opts] = take(args(ctx), 'collection');
    return ctx.entities.db(ctx.op.object).command({ collMod: collection, ...opts });
  },
  runCommand: async (ctx) => {
    const [{ command }, opts] = take(args(ctx), 'command', 'commandName');
    return ctx.entities.db(ctx.op.object).command(command as never, opts);
  },
  listCollections: async (ctx) => {
    const [{ filter }, opts] = take(args(ctx), 'filter');
    return ctx.entities.db(ctx.op.object).listCollections((filter ?? {}) as never, opts).toArray();
  },
  listIndexes: async (ctx) => ctx.entities.collection(ctx.op.object).listIndexes(args(ctx)).toArray(),
};
