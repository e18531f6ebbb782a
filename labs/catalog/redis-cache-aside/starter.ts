// redis-cache-aside — put a Redis cache in front of a slow product catalogue. Your Redis server
// is at process.env.REDIS_URL (node-redis 6: hover over a call in the editor to see its options
// and reply type). The database below is provided: every loadProduct() call is one slow query,
// and the checks count them.
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

/** The product, from the cache when possible; null when it does not exist. */
export async function getProduct(id: string): Promise<Product | null> {
  // TODO: cache-aside. Look in Redis first (cacheKey(id)); on a miss, load and store the product
  // as JSON with a TTL between CACHE_TTL_SECONDS and CACHE_TTL_SECONDS + TTL_JITTER_SECONDS.
  // TODO: twenty concurrent calls for the same missing id should cause one load, not twenty.
  // TODO: an id that does not exist should not hit the database on every call either.
  return loadProduct(id);
}

/** Write the product to the database; the next getProduct must see the change. */
export async function updateProduct(product: Product): Promise<void> {
  // TODO: what happens to the cached copy?
  await saveProduct(product);
}

export async function main(): Promise<void> {
  for (const label of ['first call', 'second call']) {
    const t0 = performance.now();
    const p = await getProduct('p1');
    console.log(label, p, `${(performance.now() - t0).toFixed(1)} ms`);
  }
  console.log('TTL', await redis.ttl(cacheKey('p1')), 's (-2: no key, -1: no expiry)');
  console.log('loads so far:', await redis.get('db:loads'));
  await redis.close();
}
