// Hidden checks for redis-leaderboard. Expected values are read from the sorted set with the
// admin client; whether the learner fetched a page or the whole board is judged from the bytes
// the server sent (server-stats.ts), not from timing.
import type { RedisClientType } from 'redis';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { bytesSentDuring } from './server-stats.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;
type Entry = Solution.Entry;

const BOARD = 'game:leaderboard';
/** Players with a tie (ken and barbara), so order among equal scores is graded too. */
const SMALL_BOARD: Array<[string, number]> = [['grace', 150], ['ada', 160], ['linus', 90], ['ken', 120], ['barbara', 120]];
const BIG_BOARD_SIZE = 2_000;
/** A page of 10 is a few hundred bytes; the whole 2,000-player board is tens of kilobytes. */
const PAGE_BYTES_MAX = 4_096;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-leaderboard needs the redis backend');
  return ctx.redis;
}

async function seed(ctx: Ctx, entries: Array<[string, number]>): Promise<void> {
  await db(ctx).del(BOARD);
  await db(ctx).zAdd(BOARD, entries.map(([value, score]) => ({ value, score })));
}

/** The board as Redis orders it from the top: the truth every answer is compared with. */
async function expectedTop(ctx: Ctx, start: number, stop: number): Promise<Entry[]> {
  const rows = await db(ctx).zRangeWithScores(BOARD, start, stop, { REV: true });
  return rows.map(({ value, score }, i) => ({ player: value, score, rank: start + i + 1 }));
}

const show = (entries: readonly Entry[]) => JSON.stringify(entries.map((e) => (e && typeof e === 'object' ? [e.rank, e.player, e.score] : e)));

/** Why a page differs from the expected one, guessed from its shape. */
function topDiagnosis(got: Entry[], want: Entry[]): string {
  if (got.length === want.length + 1) return "One entry too many: ZRANGE's stop index is inclusive, so n entries from `start` end at `start + n - 1`.";
  if (got.some((e) => typeof e?.score !== 'number'))
    return 'Scores must be numbers. node-redis already returns them as numbers from zRangeWithScores; a string score usually means it went through a string conversion (or a raw sendCommand) on the way.';
  const ascending = got.length > 1 && got.every((e, i) => i === 0 || e.score >= got[i - 1].score);
  if (ascending) return 'The page is in ascending order: a sorted set is kept lowest score first, so ask ZRANGE for REV to read it from the top.';
  if (got.length > 0 && got.every((e) => want.some((w) => w.player === e.player)))
    return 'The right players, in the wrong order among equal scores. Redis breaks ties by member name (reverse byte order with REV); take the order from Redis instead of re-sorting in JavaScript.';
  return 'Read the page with ZRANGE key start stop REV WITHSCORES (node-redis: zRangeWithScores(key, start, stop, { REV: true })) and number the entries from start + 1.';
}

export default defineChecks<typeof Solution>([
  {
    task: 'add',
    name: 'addScore adds to the total and returns the new total as a number',
    async run(ctx: Ctx) {
      await db(ctx).del(BOARD);
      const first = await ctx.learner.addScore('ada', 120);
      const second = await ctx.learner.addScore('ada', 40);
      const type = await db(ctx).type(BOARD);
      ctx.assert(type === 'zset', `${BOARD} should be a sorted set (TYPE zset), found ${type === 'none' ? 'no key at all' : `a ${type}`}. Keep the board in one sorted set: ZINCRBY ${BOARD} <points> <player>.`);
      const stored = await db(ctx).zScore(BOARD, 'ada');
      ctx.assert(
        stored === 160,
        `After addScore('ada', 120) and addScore('ada', 40) ada should have 160 points, Redis holds ${stored}. ` +
          (stored === 40 ? 'ZADD sets a score, replacing the old one; ZINCRBY adds to it.' : 'Add with ZINCRBY, which creates the player at 0 and adds in one step.'),
      );
      ctx.assert(
        typeof first === 'number' && typeof second === 'number',
        `addScore should return the new total as a number, got ${JSON.stringify(first)} (${typeof first}) and ${JSON.stringify(second)} (${typeof second}). zIncrBy already resolves to a number in node-redis.`,
      );
      ctx.assert(first === 120 && second === 160, `addScore should return the new totals 120 then 160, got ${first} then ${second}. Return what ZINCRBY answers: the score after the increment.`);
    },
  },
  {
    task: 'add',
    name: '40 concurrent addScore calls lose no points',
    async run(ctx: Ctx) {
      await db(ctx).del(BOARD);
      await Promise.all(Array.from({ length: 40 }, () => ctx.learner.addScore('bob', 5)));
      const stored = await db(ctx).zScore(BOARD, 'bob');
      ctx.assert(
        stored === 200,
        `40 concurrent addScore('bob', 5) calls should leave bob at 200, Redis holds ${stored}. ` +
          'Reading the score, adding in JavaScript and writing it back lets concurrent calls overwrite each other; ZINCRBY does the addition inside Redis, atomically.',
      );
    },
  },
  {
    task: 'top',
    name: 'top(4) lists the four best players, highest first, ties in Redis order',
    async run(ctx: Ctx) {
      await seed(ctx, SMALL_BOARD);
      const want = await expectedTop(ctx, 0, 3);
      const got = await ctx.learner.top(4);
      ctx.assert(Array.isArray(got), `top(4) should return an array of { player, score, rank }, got ${JSON.stringify(got)}.`);
      ctx.assert(show(got) === show(want), `top(4) on ${JSON.stringify(SMALL_BOARD)} should be ${show(want)} as [rank, player, score], got ${show(got)}. ${topDiagnosis(got, want)}`);
    },
  },
  {
    task: 'top',
    name: 'top(2, page) returns pages 1, 2 and an empty page past the end',
    async run(ctx: Ctx) {
      await seed(ctx, SMALL_BOARD);
      for (const page of [1, 2, 3]) {
        const want = await expectedTop(ctx, page * 2, page * 2 + 1);
        const got = await ctx.learner.top(2, page);
        ctx.assert(
          show(got) === show(want),
          `top(2, ${page}) should be ${show(want)} as [rank, player, score], got ${show(got)}. ` +
            `Page ${page} of size 2 starts at index ${page * 2} and ends at ${page * 2 + 1} (stop is inclusive); ranks continue from ${page * 2 + 1}.` +
            (got.length ? '' : ' An empty page here means the offset is off.'),
        );
      }
    },
  },
  {
    task: 'rank',
    name: 'rank() is 1-based, matches top(), and is null for an unknown player',
    async run(ctx: Ctx) {
      await seed(ctx, SMALL_BOARD);
      const board = await expectedTop(ctx, 0, -1);
      for (const { player, rank } of board) {
        const got = await ctx.learner.rank(player);
        ctx.assert(
          got === rank,
          `rank('${player}') should be ${rank} (the board from the top: ${board.map((e) => e.player).join(', ')}), got ${JSON.stringify(got)}. ` +
            (got === rank - 1 ? 'ZREVRANK is 0-based: the leader is 0 to Redis and 1 to humans. Add 1.' : got === board.length - rank || got === board.length - rank + 1 ? 'That counts from the bottom: ZRANK ranks the lowest score 0, ZREVRANK ranks the highest 0.' : 'Use ZREVRANK (zRevRank), which counts from the highest score.'),
        );
      }
      const stranger = await ctx.learner.rank('nobody');
      ctx.assert(
        stranger === null,
        `rank('nobody') should be null (no such player), got ${JSON.stringify(stranger)}. zRevRank resolves to null for a missing member; ${stranger === 0 || stranger === 1 ? 'adding 1 to null gives 1 in JavaScript, which crowns a stranger.' : 'pass the null through.'}`,
      );
    },
  },
  {
    task: 'scale',
    name: 'On 2,000 players, top(10) and rank() move only a page, not the board',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const players = Array.from({ length: BIG_BOARD_SIZE }, (_, i): [string, number] => [`player-${String(i).padStart(4, '0')}`, (i * 7919) % 5_000]);
      await seed(ctx, players);
      const want = await expectedTop(ctx, 0, 9);
      const page = await bytesSentDuring(redis, () => ctx.learner.top(10));
      ctx.assert(show(page.result) === show(want), `top(10) on the 2,000-player board should be ${show(want)}, got ${show(page.result)}. ${topDiagnosis(page.result, want)}`);
      ctx.assert(
        page.bytes <= PAGE_BYTES_MAX,
        `top(10) made Redis send ${page.bytes.toLocaleString('en')} bytes; one page of 10 is a few hundred. The code fetches the whole board and slices or sorts it in JavaScript: ` +
          'O(n) on every call, and a 1M-player board is tens of megabytes per request. Let ZRANGE … REV return just the page.',
      );
      const probe = players[1_234][0];
      const wantRank = (await redis.zRevRank(BOARD, probe))! + 1;
      const r = await bytesSentDuring(redis, () => ctx.learner.rank(probe));
      ctx.assert(
        r.result === wantRank,
        `rank('${probe}') should be ${wantRank}, got ${JSON.stringify(r.result)}.${r.result === wantRank - 1 ? ' ZREVRANK is 0-based: add 1 for humans.' : ''}`,
      );
      ctx.assert(
        r.bytes <= PAGE_BYTES_MAX,
        `rank('${probe}') made Redis send ${r.bytes.toLocaleString('en')} bytes: the code loads the board to search it. ZREVRANK answers with one integer in O(log n).`,
      );
    },
  },
]);
