// redis-cache-aside — reference solution. Cache-aside in front of a slow catalogue: read Redis,
// on a miss load once (single-flight) and store JSON with a jittered TTL; on a write, save and
// then delete the cached copy; cache "not found" too, briefly.
// Key eviction and expiry: https://redis.io/docs/latest/develop/reference/eviction/
import { createClient } from 'redis';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Product {
  id: string;
  name: string;
  /** In cents. */
  price: number;
}

/** Every cache entry lives CACHE_TTL_SECONDS plus 0 … TTL_JITTER_SECONDS. */
export const CACHE_TTL_SECONDS = 300;
export const TTL_JITTER_SECONDS = 60;
/** A cached "not found" lives at most this long. */
export const NEGATIVE_TTL_SECONDS = 30;
export const cacheKey = (id: string) => `cache:product:${id}`;

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

// ── The database (provided; keep it as it is) ───────────────────────────────────────────────
// A stand-in for a slow SQL query: it reads a row, then takes DB_LATENCY_MS to answer. Every
// call counts one load in db:loads, which is what the checks read.
const DB_LATENCY_MS = 100;

async function loadProduct(id: string): Promise<Product | null> {
  await redis.incr('db:loads');
  const json = await redis.hGet('db:products', id);
  await sleep(DB_LATENCY_MS);
  return json === null ? null : (JSON.parse(json) as Product);
}

async function saveProduct(product: Product): Promise<void> {
  await sleep(DB_LATENCY_MS / 2);
  await redis.hSet('db:products', product.id, JSON.stringify(product));
}
// ────────────────────────────────────────────────────────────────────────────────────────────

/** Loads in progress, by id: concurrent misses in this process share one load. */
const inFlight = new Map<string, Promise<Product | null>>();

/** The product, from the cache when possible; null when it does not exist. */
export function getProduct(id: string): Promise<Product | null> {
  // Look up and register in one synchronous step: with an await in between, every concurrent
  // caller would find the map empty and start its own load.
  const pending = inFlight.get(id);
  if (pending) return pending;
  const lookup = readThrough(id).finally(() => inFlight.delete(id));
  inFlight.set(id, lookup);
  return lookup;
}

async function readThrough(id: string): Promise<Product | null> {
  const cached = await redis.get(cacheKey(id)); // null on a miss, never undefined
  if (cached !== null) return JSON.parse(cached) as Product | null; // "null" is a cached miss
  const product = await loadProduct(id);
  // Value and TTL in one SET, so no entry can be left without an expiry:
  // https://redis.io/docs/latest/commands/set/
  const ttl = product === null ? NEGATIVE_TTL_SECONDS : jitteredTtl();
  await redis.set(cacheKey(id), JSON.stringify(product), { expiration: { type: 'EX', value: ttl } });
  return product;
}

/** 300 … 360 s, so entries filled together do not all expire in the same second. */
function jitteredTtl(): number {
  return CACHE_TTL_SECONDS + Math.floor(Math.random() * (TTL_JITTER_SECONDS + 1));
}

/** Write the product to the database, then drop the cached copy so the next read reloads it. */
export async function updateProduct(product: Product): Promise<void> {
  await saveProduct(product); // commit first: deleting before it lets a reader re-cache the old row
  await redis.del(cacheKey(product.id));
}

export async function main(): Promise<void> {
  for (const label of ['miss', 'hit']) {
    const t0 = performance.now();
    const p = await getProduct('p1');
    console.log(label, p, `${(performance.now() - t0).toFixed(1)} ms`);
  }
  console.log('TTL', await redis.ttl(cacheKey('p1')), 's');
  await Promise.all(Array.from({ length: 20 }, () => getProduct('p2')));
  console.log('missing:', await getProduct('nope'), 'cached for', await redis.ttl(cacheKey('nope')), 's');
  console.log('loads so far:', await redis.get('db:loads'));
  await redis.close();
}
