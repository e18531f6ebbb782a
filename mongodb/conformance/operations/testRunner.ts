// Special test operations (`object: testRunner`).
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#special-test-operations
import type { Doc } from '../types.ts';
import type { OperationContext, OperationFn } from './context.ts';

async function collectionNames(ctx: OperationContext): Promise<string[]> {
  const a = ctx.op.arguments ?? {};
  const client = ctx.entities.clients()[0]?.client;
  if (!client) throw new Error('no client entity to inspect collections with');
  const list = await client.db(a.databaseName as string).listCollections({}, { nameOnly: true }).toArray();
  return list.map((c) => c.name);
}

export const testRunnerOperations: Record<string, OperationFn> = {
  failPoint: async (ctx) => {
    const a = ctx.op.arguments ?? {};
    const client = ctx.entities.client(a.client as string).client;
    const fp = a.failPoint as Doc;
    await client.db('admin').command(fp);
    ctx.failPoints.push({ client, name: fp.configureFailPoint as string });
  },
  assertCollectionExists: async (ctx) => {
    const name = ctx.op.arguments?.collectionName as string;
    if (!(await collectionNames(ctx)).includes(name)) throw new Error(`collection ${name} does not exist`);
  },
  assertCollectionNotExists: async (ctx) => {
    const name = ctx.op.arguments?.collectionName as string;
    if ((await collectionNames(ctx)).includes(name)) throw new Error(`collection ${name} exists`);
  },
};
