// Collection.bulkWrite and MongoClient.bulkWrite.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#bulkwrite
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#clientbulkwrite
import type { Doc } from '../types.ts';
import { args, bulkResultDoc, clientBulkResultDoc, take, type OperationFn } from './context.ts';

/** `{ updateOne: { ... } }` → the driver's `{ name: 'updateOne', ... }` client write model. */
function clientModel(m: Doc): Doc {
  const [name] = Object.keys(m);
  return { name, ...(m[name] as Doc) };
}

export const bulkOperations: Record<string, OperationFn> = {
  bulkWrite: async (ctx) => {
    const [{ requests }, opts] = take(args(ctx), 'requests');
    // The test format's request shape ({ insertOne: { document } }, …) is the driver's own.
    return bulkResultDoc(await ctx.entities.collection(ctx.op.object).bulkWrite(requests as never, opts));
  },
  clientBulkWrite: async (ctx) => {
    const [{ models }, opts] = take(args(ctx), 'models');
    const client = ctx.entities.client(ctx.op.object).client;
    return clientBulkResultDoc(await client.bulkWrite((models as Doc[]).map(clientModel) as never, opts));
  },
};
