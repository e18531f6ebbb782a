// Hidden checks for redis-session-store. Shapes, TTLs and lengths are read with the admin
// client (TYPE, TTL, LLEN, HGETALL); atomicity is judged from INFO commandstats (EXEC calls).
import type { RedisClientType } from 'redis';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { callsBetween, commandCalls } from './server-stats.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

const TTL = 1800;
const RECENT_MAX = 10;
const ONLINE = 'online:users';
const sessionKey = (id: string) => `session:${id}`;
const recentKey = (id: string) => `session:${id}:recent`;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-session-store needs the redis backend');
  return ctx.redis;
}

/** What TTL's answer means, for messages: https://redis.io/docs/latest/commands/ttl/ */
const ttlMeaning = (ttl: number) => (ttl === -1 ? 'no expiry at all: the key lives forever' : ttl === -2 ? 'the key does not exist' : `${ttl} s`);

export default defineChecks<typeof Solution>([
  {
    task: 'create',
    name: 'createSession stores the session as a hash with a TTL',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const t0 = Date.now();
      await ctx.learner.createSession('s1', 'u42');
      const type = await redis.type(sessionKey('s1'));
      ctx.assert(
        type === 'hash',
        `${sessionKey('s1')} should be a hash (TYPE hash), found ${type === 'none' ? 'no key' : `a ${type}`}. ` +
          (type === 'string' ? 'A JSON string must be fetched, parsed and rewritten whole to change one field, and two writers overwrite each other; ' : '') +
          'HSET session:<id> userId … createdAt … views 0 stores each field on its own.',
      );
      const fields = await redis.hGetAll(sessionKey('s1'));
      const createdAt = Number(fields.createdAt);
      ctx.assert(fields.userId === 'u42', `The hash's userId field should be "u42", got ${JSON.stringify(fields.userId)} (hash: ${JSON.stringify(fields)}).`);
      ctx.assert(
        Number.isFinite(createdAt) && createdAt >= t0 - 60_000 && createdAt <= Date.now() + 60_000,
        `The hash's createdAt field should be the creation time in milliseconds (Date.now()), got ${JSON.stringify(fields.createdAt)}.`,
      );
      ctx.assert(fields.views === '0', `A new session should have views = 0 in its hash, got ${JSON.stringify(fields.views)}. HINCRBY later counts from there.`);
      const ttl = await redis.ttl(sessionKey('s1'));
      ctx.assert(ttl > 0 && ttl <= TTL, `${sessionKey('s1')} should expire within ${TTL} s, its TTL is ${ttlMeaning(ttl)}. Abandoned sessions then pile up until Redis runs out of memory; EXPIRE the hash right after HSET, in the same MULTI.`);
    },
  },
  {
    task: 'views',
    name: '20 concurrent views count 20 and keep only the 10 newest pages',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await ctx.learner.createSession('s2', 'u2');
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => ctx.learner.recordView('s2', `/p/${i}`)));
      const views = await redis.hGet(sessionKey('s2'), 'views');
      ctx.assert(views === '20', `After 20 concurrent recordView calls the views field should be 20, it is ${JSON.stringify(views)}. HINCRBY session:<id> views 1 counts atomically; a read-then-write loses updates.`);
      ctx.assert(
        counts.every((c) => typeof c === 'number') && [...counts].sort((a, b) => a - b).join() === Array.from({ length: 20 }, (_, i) => i + 1).join(),
        `recordView should return each new count as a number (1 to 20 across the calls), got ${JSON.stringify(counts.slice(0, 6))}…. HINCRBY's reply inside exec() is already a number.`,
      );
      const len = await redis.lLen(recentKey('s2'));
      ctx.assert(
        len === RECENT_MAX,
        `${recentKey('s2')} should hold the ${RECENT_MAX} newest pages, it holds ${len}. ` +
          (len === RECENT_MAX + 1 ? "LTRIM's stop index is inclusive: LTRIM key 0 9 keeps ten." : len > RECENT_MAX ? 'Trim after every push: LPUSH, then LTRIM key 0 9.' : 'LPUSH each page onto the list.'),
      );
    },
  },
  {
    task: 'views',
    name: 'The newest page comes first and every view extends both keys',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await ctx.learner.createSession('s3', 'u3');
      for (const page of ['/a', '/b', '/c']) await ctx.learner.recordView('s3', page);
      const recent = await redis.lRange(recentKey('s3'), 0, -1);
      ctx.assert(JSON.stringify(recent) === '["/c","/b","/a"]', `After views of /a, /b, /c the list should read ["/c","/b","/a"] (newest first), got ${JSON.stringify(recent)}. LPUSH adds at the head; RPUSH at the tail.`);
      // Pretend the session sat idle for 29 minutes: 60 s left. A view must push that back.
      await redis.expire(sessionKey('s3'), 60);
      await ctx.learner.recordView('s3', '/d');
      const [hashTtl, listTtl] = [await redis.ttl(sessionKey('s3')), await redis.ttl(recentKey('s3'))];
      ctx.assert(hashTtl > 60 && hashTtl <= TTL, `A view should push the session's expiry back to ${TTL} s; with 60 s left, after recordView its TTL is ${ttlMeaning(hashTtl)}. EXPIRE both keys on every view (a sliding session).`);
      ctx.assert(
        listTtl > 0 && listTtl <= TTL,
        `${recentKey('s3')} should expire with its session, its TTL is ${ttlMeaning(listTtl)}. When the hash expires, a list without a TTL stays behind forever: EXPIRE it too.`,
      );
    },
  },
  {
    task: 'atomic',
    name: 'Each view runs its commands in one MULTI/EXEC',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await ctx.learner.createSession('s4', 'u4');
      const before = await commandCalls(redis);
      for (let i = 0; i < 5; i++) await ctx.learner.recordView('s4', `/x/${i}`);
      const after = await commandCalls(redis);
      const exec = callsBetween(before, after, 'exec');
      const scripts = ['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall'].reduce((n, c) => n + callsBetween(before, after, c), 0);
      const trims = callsBetween(before, after, 'ltrim');
      ctx.assert(
        exec + scripts >= 5,
        `5 recordView calls ran ${exec} EXEC (and ${scripts} scripts) on the server, and ${trims} LTRIM. ` +
          'LPUSH and LTRIM sent one after the other (even with Promise.all) let another client run in between and see 11 pages, and a crash between them leaves the list untrimmed. ' +
          'Queue them with redis.multi()…exec(): Redis runs the whole block with no other command in between.',
      );
    },
  },
  {
    task: 'read',
    name: 'getSession returns numbers as numbers and the pages newest first',
    async run(ctx: Ctx) {
      await ctx.learner.createSession('s5', 'u5');
      for (const page of ['/one', '/two', '/three']) await ctx.learner.recordView('s5', page);
      const stored = await db(ctx).hGetAll(sessionKey('s5'));
      const s = await ctx.learner.getSession('s5');
      ctx.assert(s !== null && typeof s === 'object', `getSession('s5') should return the session, got ${JSON.stringify(s)}.`);
      ctx.assert(
        typeof s.views === 'number' && typeof s.createdAt === 'number',
        `views and createdAt should be numbers, got views ${JSON.stringify(s.views)} (${typeof s.views}) and createdAt ${JSON.stringify(s.createdAt)} (${typeof s.createdAt}). ` +
          'Every hash value comes back from Redis as a string: convert with Number() when you read it, or "3" + 1 becomes "31".',
      );
      const want = { userId: 'u5', createdAt: Number(stored.createdAt), views: 3, recent: ['/three', '/two', '/one'] };
      const got = { userId: s.userId, createdAt: s.createdAt, views: s.views, recent: s.recent };
      ctx.assert(JSON.stringify(got) === JSON.stringify(want), `getSession('s5') should be ${JSON.stringify(want)}, got ${JSON.stringify(got)}.`);
    },
  },
  {
    task: 'read',
    name: 'getSession of an unknown session is null',
    async run(ctx: Ctx) {
      const s = await ctx.learner.getSession('no-such-session');
      ctx.assert(
        s === null,
        `getSession('no-such-session') should be null, got ${JSON.stringify(s)}. HGETALL on a missing key answers an empty hash ({} in node-redis), never null: test for a field (or EXISTS) before building the session.`,
      );
    },
  },
  {
    task: 'online',
    name: 'Online users are a set: a user with two sessions counts once',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await redis.del(ONLINE);
      await ctx.learner.createSession('s6', 'ada');
      await ctx.learner.createSession('s7', 'ada');
      await ctx.learner.createSession('s8', 'linus');
      const type = await redis.type(ONLINE);
      ctx.assert(type === 'set', `${ONLINE} should be a set (TYPE set), found ${type === 'none' ? 'no key' : `a ${type}`}. A list keeps duplicates and checking membership in it is O(n); a set is unique and SISMEMBER is O(1).`);
      const n = await ctx.learner.onlineCount();
      ctx.assert(n === 2, `ada (two sessions) and linus are online: onlineCount() should be 2, got ${JSON.stringify(n)}. SCARD counts a set's members in O(1).`);
    },
  },
  {
    task: 'online',
    name: 'endSession deletes both keys and takes the user offline',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      await ctx.learner.createSession('s9', 'grace');
      await ctx.learner.recordView('s9', '/bye');
      await ctx.learner.endSession('s9');
      const left = await redis.exists([sessionKey('s9'), recentKey('s9')]);
      ctx.assert(left === 0, `After endSession('s9'), ${left} of ${sessionKey('s9')} and ${recentKey('s9')} still exist. DEL both keys (DEL takes several).`);
      const type = await redis.type(ONLINE);
      ctx.assert(type === 'set', `${ONLINE} should be a set, found ${type === 'none' ? 'no key' : `a ${type}`}.`);
      const online = await redis.sIsMember(ONLINE, 'grace');
      ctx.assert(online === 0, `After endSession('s9') grace should have left ${ONLINE} (SREM), but is still a member.`);
    },
  },
]);
