// Hidden checks for redis-job-queue. The lists are read with the admin client; whether the
// worker blocks on the server is read from INFO clients (blocked_clients), and whether other
// calls still answer while it blocks is a race against a generous timer: a pending() call takes
// milliseconds, and one queued behind a blocking command waits for the command's whole timeout.
import type { RedisClientType } from 'redis';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { blockedClients, waitFor, within } from './server-stats.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

const PENDING = 'jobs:pending';
const PROCESSING = 'jobs:processing';
/** How long the checks wait for something that takes milliseconds when the code is right. */
const STUCK_MS = 3_000;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-job-queue needs the redis backend');
  return ctx.redis;
}

async function clear(ctx: Ctx): Promise<void> {
  await db(ctx).del([PENDING, PROCESSING]);
}

/** A learner call the check may leave behind when it fails: its rejection must not go unhandled. */
function detached<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * Starts takeJob(seconds) on an empty queue and waits until the server counts a blocked client.
 * Fails at once if the call settles first (it never waited), or after STUCK_MS if it neither
 * settles nor blocks (it polls). Returns the pending call, wrapped (an async function returning
 * a bare promise would wait for it).
 */
async function startBlockingTake(ctx: Ctx, seconds: number): Promise<{ waiting: Promise<string | null> }> {
  let settled = false;
  const waiting = detached(ctx.learner.takeJob(seconds));
  waiting.then(() => (settled = true), () => (settled = true));
  const ready = await waitFor(async () => settled || (await blockedClients(db(ctx))) >= 1, STUCK_MS);
  if (settled) {
    const outcome = await waiting.then((v) => JSON.stringify(v), (e: Error) => `an error (${e.message})`);
    ctx.fail(
      `takeJob(${seconds}) on an empty queue returned ${outcome} at once instead of waiting up to ${seconds} s for a job. ` +
        'A non-blocking pop answers immediately; BLMOVE waits on the server until a job arrives or the timeout ends.',
    );
  }
  ctx.assert(
    ready,
    `While takeJob(${seconds}) waited on an empty queue, the server never had a blocked client (INFO clients: blocked_clients stayed 0). ` +
      'The code polls: every poll is a round trip, a job waits up to one poll interval, and an idle worker fleet hammers Redis. BLMOVE parks the request on the server until a job arrives.',
  );
  return { waiting };
}

export default defineChecks<typeof Solution>([
  {
    task: 'fifo',
    name: 'Jobs come out in the order they went in',
    async run(ctx: Ctx) {
      await clear(ctx);
      const lengths = [await ctx.learner.enqueue('a'), await ctx.learner.enqueue('b'), await ctx.learner.enqueue('c')];
      ctx.assert(lengths.join() === '1,2,3', `enqueue('a'), ('b'), ('c') should return the queue lengths 1, 2, 3, got ${JSON.stringify(lengths)}.`);
      const taken = [await ctx.learner.takeJob(1), await ctx.learner.takeJob(1), await ctx.learner.takeJob(1)];
      ctx.assert(
        JSON.stringify(taken) === '["a","b","c"]',
        `After enqueuing a, b, c, three takeJob calls should return a, b, c (oldest first), got ${JSON.stringify(taken)}. ` +
          (taken[0] === 'c' ? 'That is a stack: jobs are pushed at the head (LPUSH), so the oldest is at the tail. Take from the RIGHT.' : 'Take from the opposite end to the one enqueue pushes onto.'),
      );
    },
  },
  {
    task: 'reliable',
    name: 'A taken job waits on jobs:processing until complete() removes it',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await clear(ctx);
      await redis.lPush(PENDING, 'job-1');
      const job = await ctx.learner.takeJob(1);
      ctx.assert(job === 'job-1', `takeJob(1) should return the queued "job-1", got ${JSON.stringify(job)}.`);
      const processing = await redis.lRange(PROCESSING, 0, -1);
      ctx.assert(
        JSON.stringify(processing) === '["job-1"]',
        `While the worker runs job-1, ${PROCESSING} should hold it, it holds ${JSON.stringify(processing)}. ` +
          'A plain pop removes the job from Redis before the work is done: if the worker crashes now, the job is gone. BLMOVE takes it off the queue and onto PROCESSING in one atomic step.',
      );
      const done = await ctx.learner.complete('job-1');
      const left = await redis.lLen(PROCESSING);
      ctx.assert(done === true && left === 0, `complete('job-1') should remove the job from ${PROCESSING} and return true, got ${JSON.stringify(done)} with ${left} job(s) left. LREM ${PROCESSING} 1 <job> returns how many it removed.`);
      const again = await ctx.learner.complete('job-1');
      ctx.assert(again === false, `Completing job-1 a second time should return false (it is no longer in ${PROCESSING}), got ${JSON.stringify(again)}.`);
    },
  },
  {
    task: 'blocking',
    name: 'takeJob waits on the server for a job, and returns null on timeout',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await clear(ctx);
      // BLMOVE's timeout is a double (Redis 6.0+): half a second keeps the check quick.
      const none = await ctx.learner.takeJob(0.5);
      ctx.assert(none === null, `takeJob(0.5) on an empty queue should return null once its half second is up, got ${JSON.stringify(none)}.`);
      const { waiting } = await startBlockingTake(ctx, 5);
      await redis.lPush(PENDING, 'late-job');
      const got = await within(waiting, STUCK_MS);
      ctx.assert(got === 'late-job', `takeJob(5) should return the job pushed while it waited ("late-job"), got ${got === 'stuck' ? 'nothing within 3 s' : JSON.stringify(got)}.`);
    },
  },
  {
    task: 'own-connection',
    name: 'While takeJob waits, pending() still answers at once',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await clear(ctx);
      const { waiting } = await startBlockingTake(ctx, 10);
      const n = await within(detached(ctx.learner.pending()), STUCK_MS);
      ctx.assert(
        n !== 'stuck',
        `pending() did not answer within 3 s while takeJob(10) was waiting. A node-redis client sends all its commands over one connection and Redis answers them in order, ` +
          'so the LLEN queued behind the BLMOVE and waits up to its 10 s timeout: every web request sharing that client would too. ' +
          'Give the worker its own connection: const worker = await redis.duplicate().connect(), and run BLMOVE on it.',
      );
      ctx.assert(n === 0, `pending() should be 0 while the worker waits on an empty queue, got ${JSON.stringify(n)}.`);
      await redis.lPush(PENDING, 'wake-up');
      const got = await within(waiting, STUCK_MS);
      ctx.assert(got === 'wake-up', `takeJob(10) should return the job pushed while it waited ("wake-up"), got ${got === 'stuck' ? 'nothing within 3 s' : JSON.stringify(got)}.`);
    },
  },
]);
