import { Decimal128, ObjectId } from 'bson';
import { defineChecks, type CheckContext } from '../../../contracts/checks.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

export default defineChecks<typeof Solution>([
  {
    task: 'insert',
    name: 'add() stores and returns BSON values that cross as real classes',
    async run(ctx: Ctx) {
      const doc = await ctx.learner.add('pen', '1.10');
      ctx.assert(doc && doc._id instanceof ObjectId, `expected an ObjectId, got ${JSON.stringify(doc)}`);
      ctx.assert(doc.price instanceof Decimal128 && doc.price.toString() === '1.10', 'price should be Decimal128 1.10');
      ctx.assert(doc.at instanceof Date, 'at should be a Date');
      const stored = await ctx.mongo!.db.collection('items').findOne({ _id: doc._id });
      ctx.assert(stored?.name === 'pen', 'the document should be in the learner database');
      const back = (await ctx.learner.find(doc._id)) as { name?: string } | null;
      ctx.assert(back?.name === 'pen', 'an ObjectId sent to the learner should find the document');
      ctx.assert((await ctx.learner.dbName()) === ctx.mongo!.db.databaseName, 'the learner should use its own database');
    },
  },
]);
