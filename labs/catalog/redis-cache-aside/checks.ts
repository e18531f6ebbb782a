// Hidden checks for redis-cache-aside. Loads are counted from the server's side (db:loads, which
// the provided loadProduct INCRs); cache entries are read with the admin client (TYPE, GET,
// PTTL). Each check uses ids no earlier check touched, because checks share the namespace.
import type { RedisClientType } from 'redis';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { loads, row, type Product } from './catalog-db.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

const TTL_MS = 300_000;
const JITTER_MS = 60_000;
const NEGATIVE_TTL_MS = 30_000;
/** Slack for time spent between the learner's SET and our PTTL (a busy machine, not a margin on the rule). */
const ELAPSED_SLACK_MS = 5_000;
const cacheKey = (id: string) => `cache:product:${id}`;

function db(ctx: Ctx): RedisClientType {
  if (!ctx.redis) throw new Error('redis-cache-aside needs the redis backend');
  return ctx.redis;
}

/** What PTTL's answer means, for messages: https://redis.io/docs/latest/commands/pttl/ */
const pttlMeaning = (ms: number) => (ms === -1 ? 'no expiry at all (PTTL -1): the entry lives until evicted' : ms === -2 ? 'no such key (PTTL -2)' : `${(ms / 1000).toFixed(1)} s`);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export default defineChecks<typeof Solution>([
  {
    task: 'cache-aside',
    name: 'A miss loads once, is stored as JSON, and the second call is a hit',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const expected = await row(redis, 'p1');
      const before = await loads(redis);
      const first = await ctx.learner.getProduct('p1');
      const second = await ctx.learner.getProduct('p1');
      const used = (await loads(redis)) - before;
      ctx.assert(same(first, expected), `getProduct('p1') should return the database row ${JSON.stringify(expected)}, got ${JSON.stringify(first)}.`);
      ctx.assert(same(second, expected), `The second getProduct('p1') should return the same product, got ${JSON.stringify(second)}.`);
      ctx.assert(
        used === 1,
        used === 0
          ? 'Two calls of getProduct made no database load at all. Load a miss with loadProduct(id), the provided database: the checks count its calls.'
          : `Two calls of getProduct('p1') made ${used} database loads; the second should have been a cache hit. Store the loaded product under cacheKey(id) and GET it first.`,
      );
      const type = await redis.type(cacheKey('p1'));
      ctx.assert(
        type === 'string',
        `${cacheKey('p1')} should be a string holding JSON, found ${type === 'none' ? 'no key' : `a ${type}`}. ` +
          (type === 'hash' ? 'A hash returns every field as a string, so price would come back as "1000"; a JSON string round-trips the whole object. ' : '') +
          'SET cacheKey(id) JSON.stringify(product) EX <ttl>.',
      );
      const stored = await redis.get(cacheKey('p1'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(stored ?? '');
      } catch {
        ctx.fail(`${cacheKey('p1')} should hold the product as JSON, it holds ${JSON.stringify(stored?.slice(0, 80))}.`);
      }
      ctx.assert(same(parsed, expected), `${cacheKey('p1')} should hold ${JSON.stringify(expected)}, it holds ${stored}.`);
    },
  },
  {
    task: 'ttl',
    name: 'Every cache entry expires after 300–360 s',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const ids = Array.from({ length: 12 }, (_, i) => `p${i + 2}`);
      // Twelve different ids at once: all the SETs land within a few hundred ms of each other,
      // so the next check can tell a fixed TTL from a jittered one by the spread of PTTLs alone.
      await Promise.all(ids.map((id) => ctx.learner.getProduct(id)));
      for (const id of ids) {
        const ms = await redis.pTTL(cacheKey(id));
        ctx.assert(
          ms > TTL_MS - ELAPSED_SLACK_MS && ms <= TTL_MS + JITTER_MS,
          `${cacheKey(id)} should expire in 300 to 360 s, its PTTL is ${pttlMeaning(ms)}. ` +
            (ms === -1
              ? 'Without a TTL a changed product stays wrong in the cache forever and the cache grows until maxmemory. Pass { expiration: { type: "EX", value: ttl } } to the same SET.'
              : ms === -2
                ? 'getProduct should leave the loaded product in the cache.'
                : 'Use CACHE_TTL_SECONDS plus a random 0 to TTL_JITTER_SECONDS, in seconds with EX (or milliseconds with PX).'),
        );
      }
    },
  },
  {
    task: 'ttl',
    name: 'TTLs are jittered, so entries filled together expire at different times',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const ids = Array.from({ length: 12 }, (_, i) => `p${i + 2}`);
      const ttls = await Promise.all(ids.map((id) => redis.pTTL(cacheKey(id))));
      const spread = Math.max(...ttls) - Math.min(...ttls);
      // 12 draws from 0 … 60 s all within 5 s of each other: odds below one in 10^10. With a fixed
      // TTL the spread is the time between the SETs, well under a second.
      ctx.assert(
        spread >= 5_000,
        `12 entries cached at the same moment expire within ${(spread / 1000).toFixed(1)} s of each other (PTTLs ${ttls.slice(0, 4).map((t) => (t / 1000).toFixed(1)).join(', ')} … s). ` +
          'With one fixed TTL, everything warmed together expires together and the misses hit the database at once. ' +
          'Add a random 0 to TTL_JITTER_SECONDS to each TTL: Math.floor(Math.random() * (TTL_JITTER_SECONDS + 1)).',
      );
    },
  },
  {
    task: 'invalidate',
    name: 'After updateProduct, getProduct returns the new price',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const old = await ctx.learner.getProduct('p20');
      ctx.assert(old !== null, `getProduct('p20') returned null, but the database has ${JSON.stringify(await row(redis, 'p20'))}.`);
      const changed: Product = { ...old, price: old.price + 4242 };
      await ctx.learner.updateProduct(changed);
      const saved = await row(redis, 'p20');
      ctx.assert(same(saved, changed), `updateProduct should write the product to the database with saveProduct(product); the row is ${JSON.stringify(saved)}.`);
      const after = await ctx.learner.getProduct('p20');
      ctx.assert(
        same(after, changed),
        `After updateProduct(${JSON.stringify(changed)}), getProduct('p20') returned ${JSON.stringify(after)}: ` +
          (same(after, old)
            ? 'the old, cached price. Invalidate on write: after saveProduct succeeds, redis.del(cacheKey(product.id)), so the next read reloads the row.'
            : 'neither the old nor the new product.'),
      );
      const left = await redis.get(cacheKey('p20'));
      ctx.assert(left === null || same(JSON.parse(left), changed), `${cacheKey('p20')} still holds ${left} after the update.`);
    },
  },
  {
    task: 'stampede',
    name: '20 concurrent misses for one id make one load',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const expected = await row(redis, 'p30');
      const before = await loads(redis);
      const results = await Promise.all(Array.from({ length: 20 }, () => ctx.learner.getProduct('p30')));
      const used = (await loads(redis)) - before;
      ctx.assert(results.every((r) => same(r, expected)), `Every concurrent getProduct('p30') should return ${JSON.stringify(expected)}; got ${JSON.stringify(results.find((r) => !same(r, expected)))}.`);
      ctx.assert(
        used === 1,
        `20 concurrent getProduct('p30') calls on a cold key made ${used} database loads; expected 1. ` +
          'Each caller missed before the first load finished, so each ran the query: a cache stampede. ' +
          'Keep a Map of loads in progress and, in the same synchronous step as the lookup (no await in between), store the new promise so later callers await it.',
      );
    },
  },
  {
    task: 'negative',
    name: 'A missing id is cached as a miss for at most 30 s',
    async run(ctx: Ctx) {
      const redis = db(ctx);
      const before = await loads(redis);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await ctx.learner.getProduct('p404'));
      const used = (await loads(redis)) - before;
      ctx.assert(answers.every((a) => a === null), `getProduct('p404') should return null for an id the database does not have, got ${JSON.stringify(answers)}.`);
      ctx.assert(
        used === 1,
        `Three getProduct('p404') calls made ${used} database loads; expected 1. A missing id is never cached by plain cache-aside, so every request (and every bot walking ids) reaches the database. Cache the miss too, e.g. the JSON "null".`,
      );
      const ms = await redis.pTTL(cacheKey('p404'));
      ctx.assert(
        ms > 0 && ms <= NEGATIVE_TTL_MS,
        `The cached miss ${cacheKey('p404')} should expire within ${NEGATIVE_TTL_MS / 1000} s, its PTTL is ${pttlMeaning(ms)}. ` +
          (ms === -1 ? 'Cached forever, "not found" stays the answer even after the product is created. ' : ms > NEGATIVE_TTL_MS ? 'A miss goes stale as soon as someone creates the row, so it gets a shorter TTL than a hit. ' : '') +
          'Use NEGATIVE_TTL_SECONDS.',
      );
      const created: Product = { id: 'p404', name: 'Late arrival', price: 1999 };
      await ctx.learner.updateProduct(created);
      const now = await ctx.learner.getProduct('p404');
      ctx.assert(same(now, created), `After updateProduct creates p404, getProduct('p404') should return it, got ${JSON.stringify(now)}: the write must also drop a cached miss.`);
      ctx.assert((await row(redis, 'p404')) !== null, 'updateProduct should save the new product to the database with saveProduct(product).');
    },
  },
]);
