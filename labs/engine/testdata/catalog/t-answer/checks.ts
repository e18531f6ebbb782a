import { defineChecks, type CheckContext } from '../../../contracts/checks.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

export default defineChecks<typeof Solution>([
  {
    task: 'answer',
    name: 'answer() returns 42',
    async run(ctx: Ctx) {
      const { learner } = ctx;
      const a = await learner.answer();
      ctx.assert(a === 42, `expected 42, got ${JSON.stringify(a)}`);
    },
  },
  {
    task: 'store',
    name: 'store(k) sets k to "v"',
    async run(ctx: Ctx) {
      const { learner, redis } = ctx;
      await learner.store('k');
      ctx.assert((await redis!.get('k')) === 'v', 'k should be "v"');
    },
  },
]);
