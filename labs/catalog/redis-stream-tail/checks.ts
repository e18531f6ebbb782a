// Hidden checks for redis-stream-tail. Posts the tail must notice are added with the admin client,
// so a learner connection stuck behind its own blocking read cannot hide them. Whether next()
// waits on the server is read from INFO clients (blocked_clients), never guessed with a sleep;
// "answers while the tail waits" is a race against a generous timer: history() takes
// milliseconds, and a call queued behind XREAD BLOCK waits for the whole block timeout.
import type { RedisClientType } from 'redis';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { blockedClients, waitFor, within } from './server-stats.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;
type Post = { id: string; text: string };

const FEED = 'feed';
/** How long the checks wait for something that takes milliseconds when the code is right. */
const STUCK_MS = 3_000;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-stream-tail needs the redis backend');
  return ctx.redis;
}

const texts = (posts: Post[] | 'stuck'): string => (posts === 'stuck' ? 'nothing within the wait' : JSON.stringify(posts.map((p) => p.text)));

async function add(ctx: Ctx, ...items: string[]): Promise<void> {
  for (const text of items) await db(ctx).xAdd(FEED, '*', { text });
}

/** A learner call the check may leave behind when it fails: its rejection must not go unhandled. */
function detached<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * Starts next(reader, ms) and waits until the server counts a blocked client. Fails if the call
 * settles first (it never waited) or neither settles nor blocks within STUCK_MS.
 */
async function startNext(ctx: Ctx, reader: string, ms: number): Promise<{ waiting: Promise<Post[]> }> {
  let settled = false;
  const waiting = detached(ctx.learner.next(reader, ms));
  waiting.then(() => (settled = true), () => (settled = true));
  const blocked = await waitFor(async () => settled || (await blockedClients(db(ctx))) >= 1, STUCK_MS);
  if (settled) {
    const got = await waiting;
    ctx.fail(
      `next('${reader}', ${ms}) returned ${texts(got)} at once, before anything was posted. It should wait on the server: ` +
        'XREAD with BLOCK <ms> holds the reply until a new entry arrives or the time is up. Without BLOCK, XREAD answers immediately and the caller has to poll.',
    );
  }
  ctx.assert(blocked, `next('${reader}', ${ms}) neither returned nor blocked in Redis within 3 s (INFO clients shows no blocked client). Use XREAD … BLOCK, not a polling loop.`);
  return { waiting };
}

export default defineChecks<typeof Solution>([
  {
    task: 'history',
    name: 'history(3) after five posts returns the last three, oldest first',
    async run(ctx: Ctx) {
      await db(ctx).del(FEED);
      const ids: string[] = [];
      for (const t of ['p1', 'p2', 'p3', 'p4', 'p5']) ids.push(await ctx.learner.post(t));
      ctx.assert(ids.every((id) => /^\d+-\d+$/.test(id)), `post() should return each entry's id ("<ms>-<seq>"), got ${JSON.stringify(ids)}.`);
      const got = await ctx.learner.history(3);
      ctx.assert(
        texts(got) === '["p3","p4","p5"]',
        `history(3) should be the three newest posts, oldest first: ["p3","p4","p5"], got ${texts(got)}. ` +
          'XRANGE - + COUNT 3 gives the three oldest; XREVRANGE + - COUNT 3 gives the newest, newest first: reverse it.',
      );
      ctx.assert(JSON.stringify(got.map((p) => p.id)) === JSON.stringify(ids.slice(2)), `Each post's id should be the stream entry's id: expected ${JSON.stringify(ids.slice(2))}, got ${JSON.stringify(got.map((p) => p.id))}.`);
    },
  },
  {
    task: 'blocking',
    name: 'A new reader waits, and gets the post made while it waited (not older ones)',
    async run(ctx: Ctx) {
      await db(ctx).del(FEED);
      await add(ctx, 'old news');
      const { waiting } = await startNext(ctx, 'r1', 5_000);
      await add(ctx, 'hello');
      const got = await within(waiting, STUCK_MS);
      ctx.assert(got !== 'stuck' && texts(got) === '["hello"]', `next('r1', 5000) should return the post made while it waited, ["hello"], got ${texts(got)}. A new reader starts from now: older posts are history()'s job.`);
    },
  },
  {
    task: 'no-gaps',
    name: 'Posts made between two next() calls come back on the second call',
    async run(ctx: Ctx) {
      await db(ctx).del(FEED);
      const { waiting } = await startNext(ctx, 'r2', 5_000);
      await add(ctx, 'x');
      const first = await within(waiting, STUCK_MS);
      ctx.assert(first !== 'stuck' && texts(first) === '["x"]', `next('r2', 5000) should return ["x"], got ${texts(first)}.`);
      await add(ctx, 'a', 'b');
      const second = await within(detached(ctx.learner.next('r2', 2_000)), 2_000 + STUCK_MS);
      ctx.assert(
        second !== 'stuck' && texts(second) === '["a","b"]',
        `"a" and "b" were posted after r2's first next() returned; its second next('r2', 2000) should return them at once, got ${texts(second)}. ` +
          "XREAD … $ means \"newer than whatever is newest right now\": calling it with $ every time skips everything posted between two calls. Remember the last id you returned to each reader and pass that instead.",
      );
    },
  },
  {
    task: 'fan-out',
    name: 'Two readers both get the same two posts',
    async run(ctx: Ctx) {
      await db(ctx).del(FEED);
      // A first call with nothing posted times out and marks where each reader starts.
      for (const r of ['r3', 'r4']) {
        const none = await ctx.learner.next(r, 100);
        ctx.assert(none.length === 0, `next('${r}', 100) on an empty feed should return [] after 100 ms, got ${texts(none)}.`);
      }
      await add(ctx, 'e1', 'e2');
      const a = await within(detached(ctx.learner.next('r3', 2_000)), 2_000 + STUCK_MS);
      const b = await within(detached(ctx.learner.next('r4', 2_000)), 2_000 + STUCK_MS);
      ctx.assert(
        texts(a) === '["e1","e2"]' && texts(b) === '["e1","e2"]',
        `Both readers should get ["e1","e2"], r3 got ${texts(a)} and r4 got ${texts(b)}. A feed is fan-out: every reader sees every entry. ` +
          'A consumer group does the opposite (each entry goes to one consumer), which is right for sharing work and wrong here: use plain XREAD.',
      );
    },
  },
  {
    task: 'own-connection',
    name: 'While next() waits, history() still answers at once',
    async run(ctx: Ctx) {
      await db(ctx).del(FEED);
      await add(ctx, 'before');
      const { waiting } = await startNext(ctx, 'r5', 10_000);
      const h = await within(detached(ctx.learner.history(1)), STUCK_MS);
      ctx.assert(
        h !== 'stuck',
        "history(1) did not answer within 3 s while next('r5', 10000) was waiting. A node-redis client sends all its commands over one connection and Redis answers them in order, " +
          'so the XREVRANGE queued behind the XREAD BLOCK for up to its 10 s. Block on a connection of your own: const tail = await redis.duplicate().connect().',
      );
      ctx.assert(texts(h) === '["before"]', `history(1) should be ["before"], got ${texts(h)}.`);
      await add(ctx, 'wake');
      const got = await within(waiting, STUCK_MS);
      ctx.assert(got !== 'stuck' && texts(got) === '["wake"]', `next('r5', 10000) should return ["wake"], got ${texts(got)}.`);
    },
  },
]);
