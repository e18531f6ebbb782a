// Seed data for redis-cache-aside: the slow "database" lives in the learner's Redis under db:*
// (a hash of product rows and a load counter), so the checks can count loads from the server's
// side while the cache keys (cache:product:<id>) are the learner's to design.
import { defineFixture } from '../../engine/contracts/checks.ts';
import { DB_LOADS, DB_PRODUCTS, seedProducts } from './catalog-db.ts';

export default defineFixture(async ({ redis }) => {
  if (!redis) throw new Error('redis-cache-aside needs the redis backend');
  const rows = Object.fromEntries(seedProducts().map((p) => [p.id, JSON.stringify(p)]));
  await redis.multi().hSet(DB_PRODUCTS, rows).set(DB_LOADS, 0).exec();
});
