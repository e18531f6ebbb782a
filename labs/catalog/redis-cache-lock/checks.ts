// Hidden checks for redis-cache-lock. Builds are counted from the server's side (db:builds, which
// the provided buildReport INCRs). To look at the learner's lock while a build runs, a check
// holds that build open (db:hold:<day>), waits until the build has started, inspects the lock,
// and then lets the build finish (db:gate:<day>): every wait is for a condition, not a duration.
import type { RedisClientType } from 'redis';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { builds, expectedReport, gateKey, holdKey, lockAttempts, type Report } from './report-db.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

const REPORT_TTL_S = 600;
const LOCK_TTL_MS = 2_000;
const reportKey = (day: string) => `cache:report:${day}`;
const lockKey = (day: string) => `lock:report:${day}`;
/** Safety nets against a hung learner function: far above anything a correct solution needs. */
const HANG_MS = 8_000;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-cache-lock needs the redis backend');
  return ctx.redis;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Settled<T> = { done: false } | { done: true; value?: T; error?: unknown };

/** Track a learner call without awaiting it. */
function track<T>(p: Promise<T>): { state: Settled<T>; promise: Promise<void> } {
  const t: { state: Settled<T>; promise: Promise<void> } = { state: { done: false }, promise: Promise.resolve() };
  t.promise = p.then(
    (value) => void (t.state = { done: true, value }),
    (error: unknown) => void (t.state = { done: true, error }),
  );
  return t;
}

/** Poll `cond` until it holds or `call` settles; false if it never held before the call ended. */
async function until(cond: () => Promise<boolean>, call: { state: Settled<unknown> }): Promise<boolean> {
  const start = Date.now();
  while (Date.now() - start < HANG_MS) {
    if (await cond()) return true;
    if (call.state.done) return cond();
    await sleep(5);
  }
  return false;
}

/** Await the tracked call, failing with a message if it hangs. */
async function finish<T>(ctx: Ctx, call: { state: Settled<T>; promise: Promise<void> }, what: string): Promise<T> {
  const timer = sleep(HANG_MS).then(() => 'timeout' as const);
  if ((await Promise.race([call.promise, timer])) === 'timeout') ctx.fail(`${what} did not return within ${HANG_MS / 1000} s: is it waiting for something that never happens?`);
  const s = call.state;
  if (!s.done) ctx.fail(`${what} did not return.`);
  if (s.error !== undefined) throw s.error;
  return s.value as T;
}

export default defineChecks<typeof Solution>([
  {
    task: 'cache',
    name: 'A miss builds once and the report is cached for 600 s',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const day = '2026-11-01';
      const expected = await expectedReport(redis, day);
      const before = await builds(redis);
      const first = await ctx.learner.getReport(day);
      const second = await ctx.learner.getReport(day);
      const used = (await builds(redis)) - before;
      ctx.assert(same(first, expected) && same(second, expected), `getReport('${day}') should return ${JSON.stringify(expected)}, got ${JSON.stringify(first)} then ${JSON.stringify(second)}.`);
      ctx.assert(used === 1, `Two getReport('${day}') calls built the report ${used} times; expected once, then a cache hit on ${reportKey(day)}.`);
      const ttl = await redis.ttl(reportKey(day));
      ctx.assert(
        ttl > 0 && ttl <= REPORT_TTL_S,
        `${reportKey(day)} should expire within ${REPORT_TTL_S} s, its TTL is ${ttl === -1 ? '-1: it never expires' : ttl === -2 ? '-2: the key is missing' : `${ttl} s`}. SET it with { expiration: { type: 'EX', value: REPORT_TTL_SECONDS } }.`,
      );
    },
  },
  {
    task: 'lock',
    name: 'While building, the lock exists and expires by itself; afterwards it is gone',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const day = '2026-11-02';
      const before = await builds(redis);
      await redis.set(holdKey(day), 30);
      const call = track(ctx.learner.getReport(day));
      try {
        const started = await until(async () => (await builds(redis)) > before, call);
        ctx.assert(started, `getReport('${day}') on a cold cache should build the report, but buildReport never ran.`);
        const [token, pttl] = await Promise.all([redis.get(lockKey(day)), redis.pTTL(lockKey(day))]);
        ctx.assert(
          token !== null,
          `While the report was being built, ${lockKey(day)} did not exist. Without a lock every process that misses builds the report at the same time (a stampede). Take it first: SET lockKey(day) <token> NX PX LOCK_TTL_MS.`,
        );
        ctx.assert(
          pttl > 0 && pttl <= LOCK_TTL_MS,
          `${lockKey(day)} should expire within ${LOCK_TTL_MS} ms, its PTTL is ${pttl === -1 ? '-1: no expiry. If this process crashed now, nobody could build the report until someone deleted the lock by hand' : `${pttl} ms`}. Use { condition: 'NX', expiration: { type: 'PX', value: LOCK_TTL_MS } }.`,
        );
      } finally {
        await redis.rPush(gateKey(day), 'go');
      }
      await finish(ctx, call, `getReport('${day}')`);
      const left = await redis.get(lockKey(day));
      ctx.assert(left === null, `After the build, ${lockKey(day)} still exists (${JSON.stringify(left)}): everyone else waits until it expires. Release the lock in a finally block.`);
    },
  },
  {
    task: 'wait',
    name: 'While another process holds the lock, getReport waits and returns its report',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const day = '2026-11-03';
      const theirs: Report = { ...(await expectedReport(redis, day)), orders: 4242 };
      await redis.set(lockKey(day), 'another-process', { expiration: { type: 'PX', value: 10_000 } });
      const [buildsBefore, attemptsBefore] = [await builds(redis), await lockAttempts(redis)];
      const call = track(ctx.learner.getReport(day));
      // Wait until the learner has tried the lock (or built, or returned), then play the other
      // process: cache its report and release its lock.
      await until(async () => (await lockAttempts(redis)) > attemptsBefore || (await builds(redis)) > buildsBefore, call);
      await redis.set(reportKey(day), JSON.stringify(theirs), { expiration: { type: 'EX', value: REPORT_TTL_S } });
      await redis.del(lockKey(day));
      const got = await finish(ctx, call, `getReport('${day}') while another process held ${lockKey(day)}`);
      const used = (await builds(redis)) - buildsBefore;
      ctx.assert(
        used === 0,
        `Another process held ${lockKey(day)}, yet getReport built the report ${used} time(s). When SET … NX answers null, someone else is building: sleep POLL_MS and look for the cached report again instead.`,
      );
      ctx.assert(same(got, theirs), `getReport should return the report the lock holder cached, ${JSON.stringify(theirs)}, got ${JSON.stringify(got)}.`);
    },
  },
  {
    task: 'release',
    name: 'A lock that has changed hands is not deleted',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const day = '2026-11-04';
      const before = await builds(redis);
      await redis.set(holdKey(day), 30);
      const call = track(ctx.learner.getReport(day));
      let replaced = false;
      try {
        await until(async () => (await builds(redis)) > before, call);
        // Play the slow-builder story: our lock expired mid-build and another process took it.
        replaced = (await redis.set(lockKey(day), 'new-holder', { condition: 'XX', expiration: { type: 'PX', value: 10_000 } })) === 'OK';
      } finally {
        await redis.rPush(gateKey(day), 'go');
      }
      ctx.assert(replaced, `While building, ${lockKey(day)} did not exist, so there was no lock to release.`);
      await finish(ctx, call, `getReport('${day}')`);
      const left = await redis.get(lockKey(day));
      ctx.assert(
        left === 'new-holder',
        `Mid-build, the lock passed to another process (its token is "new-holder"), and your release deleted it (${lockKey(day)} is now ${JSON.stringify(left)}). ` +
          'A third process can now take it too, and two build at once. Delete only if the value is still your token, in one step: a Lua script with GET and DEL (redis.eval).',
      );
    },
  },
]);
