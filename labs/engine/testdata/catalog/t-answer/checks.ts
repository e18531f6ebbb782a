import { defineChecks } from '../../../contracts/checks.ts';
import type * as Solution from './solution.ts';

export default defineChecks<typeof Solution>([
  {
    task: 'answer',
    name: 'answer() returns 42',
    async run({ learner, assert }) {
      const a = await learner.answer();
      assert(a === 42, `expected 42, got ${JSON.stringify(a)}`);
    },
  },
  {
    task: 'store',
    name: 'store(k) sets k to "v"',
    async run({ learner, redis, assert }) {
      await learner.store('k');
      assert((await redis!.get('k')) === 'v', 'k should be "v"');
    },
  },
]);
