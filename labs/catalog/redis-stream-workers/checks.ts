// Hidden checks for redis-stream-workers. Everything is read back with the admin client: the
// stream (XLEN, XRANGE), the results list the learner's handler fills, and the group's pending
// entries list (XPENDING). A crashed worker is played by the check itself: it reads messages into
// the group as consumer "dead" and never acks them, then ages them with XCLAIM … IDLE, which
// sets an entry's idle time outright (https://redis.io/docs/latest/commands/xclaim/), so nothing
// here waits on the clock.
import type { RedisClientType } from 'redis';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

const STREAM = 'jobs';
const GROUP = 'workers';
const RESULTS = 'results';
const MAX_LEN = 100;
/**
 * MAXLEN ~ only drops whole radix-tree nodes, and a node holds up to stream-node-max-entries
 * (default 100) entries, so an approximately trimmed stream may keep up to one node more.
 * https://redis.io/docs/latest/commands/xadd/#capped-streams
 */
const NODE_ENTRIES = 100;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-stream-workers needs the redis backend');
  return ctx.redis;
}

/** A fresh stream with the group made by the learner's ensureGroup(), and no results. */
async function fresh(ctx: Ctx): Promise<void> {
  await db(ctx).del([STREAM, RESULTS]);
  await ctx.learner.ensureGroup();
}

async function produceAll(ctx: Ctx, jobs: string[]): Promise<void> {
  for (const job of jobs) await ctx.learner.produce(job);
}

/** How often each job appears in the results list, and the jobs that are not there exactly once. */
async function tally(ctx: Ctx, jobs: string[]): Promise<{ wrong: string[]; total: number }> {
  const results = await db(ctx).lRange(RESULTS, 0, -1);
  const count = new Map<string, number>();
  for (const r of results) count.set(r, (count.get(r) ?? 0) + 1);
  const wrong = jobs.filter((j) => count.get(j) !== 1).map((j) => `${j} ×${count.get(j) ?? 0}`);
  return { wrong, total: results.length };
}

async function pendingCount(ctx: Ctx): Promise<number> {
  return (await db(ctx).xPending(STREAM, GROUP)).pending;
}

const jobs = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

export default defineChecks<typeof Solution>([
  {
    task: 'produce',
    name: 'produce() appends {job} with a server-picked id, and MAXLEN ~ keeps the stream near 100 entries',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await redis.del([STREAM, RESULTS]);
      const before = Date.now();
      const id = await ctx.learner.produce('first');
      ctx.assert(typeof id === 'string' && /^\d+-\d+$/.test(id), `produce() should return the new entry's id, "<milliseconds>-<sequence>", got ${JSON.stringify(id)}. XADD with '*' returns it.`);
      const ms = Number(id.split('-')[0]);
      ctx.assert(Math.abs(ms - before) < 60_000, `The id's time part should be the server's clock in ms (about ${before}), got ${ms}. Pass '*' as the id and let Redis pick it.`);
      const entry = (await redis.xRange(STREAM, '-', '+'))?.[0];
      ctx.assert(entry?.id === id && entry.message.job === 'first', `The stream should hold one entry ${id} with field job = "first", got ${JSON.stringify(entry ?? null)}.`);
      const n = 350;
      await produceAll(ctx, jobs('bulk', n));
      const len = await redis.xLen(STREAM);
      ctx.assert(
        len <= MAX_LEN + NODE_ENTRIES,
        `After ${n + 1} produce() calls the stream holds ${len} entries; with MAXLEN ~ ${MAX_LEN} it should hold about ${MAX_LEN} (at most ${MAX_LEN + NODE_ENTRIES}: '~' trims whole nodes). ` +
          'A stream is never trimmed on its own: every XADD without MAXLEN (or MINID) grows it until the server runs out of memory. Add the TRIM option to xAdd.',
      );
      ctx.assert(len >= MAX_LEN, `The stream holds only ${len} entries after ${n + 1} produce() calls; MAXLEN ~ ${MAX_LEN} keeps at least ${MAX_LEN}. Trim to MAX_LEN, not below it.`);
    },
  },
  {
    task: 'share',
    name: 'Two workers in the group process ten jobs between them, each exactly once',
    async run(ctx: Ctx) {
      await fresh(ctx);
      const ten = jobs('job', 10);
      await produceAll(ctx, ten);
      const rounds: number[] = [];
      for (const consumer of ['w1', 'w2', 'w1', 'w2']) rounds.push(await ctx.learner.work(consumer, 4));
      const { wrong, total } = await tally(ctx, ten);
      ctx.assert(
        total > 0,
        'work() processed nothing: the results list is empty after four rounds over ten new jobs. Read new messages with the id ">" ' +
          '(never delivered to anyone in the group); the id "0" returns only this consumer\'s own pending messages, which a fresh worker has none of.',
      );
      ctx.assert(
        wrong.length === 0,
        `Every job should be in the results exactly once, but: ${wrong.join(', ')} (${total} results for 10 jobs). ` +
          'If jobs appear twice, each worker is reading the whole stream: plain XREAD gives every reader every message. XREADGROUP hands each message to one consumer of the group.',
      );
      ctx.assert(
        JSON.stringify(rounds) === '[4,4,2,0]',
        `work() should return how many messages it processed: w1, w2, w1, w2 with COUNT 4 over ten jobs should give [4,4,2,0], got ${JSON.stringify(rounds)}.`,
      );
    },
  },
  {
    task: 'ack',
    name: 'After work() the pending entries list is empty, and nothing is processed twice',
    async run(ctx: Ctx) {
      await fresh(ctx);
      const five = jobs('ack', 5);
      await produceAll(ctx, five);
      const first = await ctx.learner.work('w1', 10);
      ctx.assert(first === 5, `work('w1', 10) over five new jobs should process 5, got ${JSON.stringify(first)}.`);
      const pending = await pendingCount(ctx);
      ctx.assert(
        pending === 0,
        `After work() processed five jobs, the group still has ${pending} pending (delivered, never acknowledged) message(s). ` +
          'Without XACK every message stays in the PEL for good: it grows without bound, and a recovery sweep will hand those jobs out again. Ack each message after handling it.',
      );
      const again = await ctx.learner.work('w1', 10);
      const { wrong } = await tally(ctx, five);
      ctx.assert(again === 0 && wrong.length === 0, `A second work('w1', 10) with nothing new should process 0, got ${JSON.stringify(again)}; results off: ${wrong.join(', ') || 'none'}.`);
    },
  },
  {
    task: 'recover',
    name: "recover() processes a dead worker's idle messages once and leaves a live worker's alone",
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await fresh(ctx);
      const six = jobs('rec', 6);
      await produceAll(ctx, six);
      // "dead" takes four and dies; they have been idle two minutes. "alive" took two just now.
      const took = await redis.xReadGroup(GROUP, 'dead', { key: STREAM, id: '>' }, { COUNT: 4 });
      const taken: { id: string }[] = took?.[0]?.messages ?? [];
      const ids = taken.map((m) => m.id);
      await redis.xClaim(STREAM, GROUP, 'dead', 0, ids, { IDLE: 120_000 });
      await redis.xReadGroup(GROUP, 'alive', { key: STREAM, id: '>' }, { COUNT: 2 });
      const n = await ctx.learner.recover('rescuer', 60_000);
      const left = await redis.xPendingRange(STREAM, GROUP, '-', '+', 100);
      const aliveLeft = left.filter((e) => e.consumer === 'alive').length;
      ctx.assert(
        aliveLeft === 2,
        `recover('rescuer', 60000) also took the two messages "alive" received a moment ago (pending now: ${JSON.stringify(left.map((e) => e.consumer))}). ` +
          'Pass minIdleMs to XAUTOCLAIM as its min-idle-time: a message idle for less is being worked on by a live consumer, and claiming it means doing the job twice.',
      );
      const { wrong, total } = await tally(ctx, six.slice(0, 4));
      ctx.assert(
        n === 4 && wrong.length === 0 && total === 4,
        `"dead" held rec-1..rec-4, idle for 2 minutes; recover('rescuer', 60000) should claim, process and ack exactly those four and return 4. ` +
          `Got ${JSON.stringify(n)}, results off: ${wrong.join(', ') || 'none'} (${total} results). XAUTOCLAIM <stream> <group> <consumer> <minIdleMs> 0-0 returns the claimed messages themselves.`,
      );
      ctx.assert(
        left.length === 2,
        `After recover(), only the two messages "alive" is working on should be pending, but ${left.length} are (${JSON.stringify(left.map((e) => `${e.id}@${e.consumer}`))}). ` +
          'Ack each recovered message once it is processed, or the next sweep will claim it again.',
      );
    },
  },
]);
