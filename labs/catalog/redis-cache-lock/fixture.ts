// Seed data for redis-cache-lock: ten days of order totals in the stand-in database (db:orders)
// and the build counter the checks read (db:builds).
import { defineFixture } from '../../engine/contracts/checks.ts';
import { DB_BUILDS, DB_ORDERS, seedReports } from './report-db.ts';

export default defineFixture(async ({ redis }) => {
  if (!redis) throw new Error('redis-cache-lock needs the redis backend');
  const rows = Object.fromEntries(seedReports().map((r) => [r.day, JSON.stringify(r)]));
  await redis.multi().hSet(DB_ORDERS, rows).set(DB_BUILDS, 0).exec();
});
