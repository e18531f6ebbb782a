import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

export default defineChecks<typeof Solution>([
  {
    task: 'count',
    name: 'hit() counts 1, 2, 3 in hits:<page>',
    async run(ctx: Ctx) {
      const { learner, redis } = ctx;
      const counts = [await learner.hit('home'), await learner.hit('home'), await learner.hit('home')];
      ctx.assert(counts.join() === '1,2,3', `three hits on "home" should return 1, 2, 3, got ${JSON.stringify(counts)}`);
      const stored = await redis!.get('hits:home');
      ctx.assert(stored === '3', `the key hits:home should hold "3", it holds ${JSON.stringify(stored)}`);
    },
  },
  {
    task: 'count',
    name: '50 concurrent hits count 50',
    async run(ctx: Ctx) {
      const { learner, redis } = ctx;
      await Promise.all(Array.from({ length: 50 }, () => learner.hit('busy')));
      const stored = await redis!.get('hits:busy');
      ctx.assert(stored === '50', `50 concurrent hits should leave hits:busy at 50, it is ${stored} — read-then-write loses updates; INCR is atomic`);
    },
  },
  {
    task: 'limit',
    name: 'the fourth call within the window is refused',
    async run(ctx: Ctx) {
      const { learner, redis } = ctx;
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await learner.allow('ada', 3, 60));
      ctx.assert(answers.join() === 'true,true,true,false', `allow('ada', 3, 60) four times should give true, true, true, false, got ${answers.join(', ')}`);
      const ttl = await redis!.ttl('rate:ada');
      ctx.assert(ttl > 0 && ttl <= 60, `rate:ada should expire within the 60 s window, its TTL is ${ttl} (${ttl === -1 ? 'no expiry: the user is blocked forever' : 'missing key'})`);
    },
  },
  {
    task: 'limit',
    name: 'later calls do not push the window back',
    async run(ctx: Ctx) {
      const { learner, redis } = ctx;
      await learner.allow('bob', 5, 60);
      // Pretend 55 s passed: 5 s left in the window.
      await redis!.expire('rate:bob', 5);
      await learner.allow('bob', 5, 60);
      const ttl = await redis!.ttl('rate:bob');
      ctx.assert(ttl > 0 && ttl <= 5, `a second call must not restart the window (TTL went from 5 to ${ttl}) — set EXPIRE only when INCR returns 1`);
    },
  },
  {
    task: 'top',
    name: 'topPages(n) lists the most visited pages first',
    async run(ctx: Ctx) {
      const { learner, redis } = ctx;
      // Checks share one namespace per submission: start this ranking from scratch.
      await redis!.del('pages');
      for (const [page, n] of [['a', 1], ['b', 3], ['c', 2]] as const) for (let i = 0; i < n; i++) await learner.hit(page);
      const top = await learner.topPages(2);
      ctx.assert(JSON.stringify(top) === JSON.stringify([{ page: 'b', hits: 3 }, { page: 'c', hits: 2 }]), `topPages(2) should be [{page:'b',hits:3},{page:'c',hits:2}], got ${JSON.stringify(top)}`);
    },
  },
]);
