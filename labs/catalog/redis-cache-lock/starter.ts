// redis-cache-lock — a daily report is expensive to build. Cache it so that, across all your
// processes, a miss is built once. Your Redis server is at process.env.REDIS_URL (node-redis 6:
// hover over a call in the editor to see its options). The database below is provided: every
// buildReport() call is one expensive query, and the checks count them.
import { createClient } from 'redis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Report {
  day: string;
  orders: number;
  revenue: number;
}

export const REPORT_TTL_SECONDS = 600;
/** A builder that crashes holds the lock at most this long. */
export const LOCK_TTL_MS = 2_000;
/** How often a waiting process looks for the report. */
export const POLL_MS = 25;
export const reportKey = (day: string) => `cache:report:${day}`;
export const lockKey = (day: string) => `lock:report:${day}`;

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

// ── The database (provided; keep it as it is) ───────────────────────────────────────────────
// A stand-in for an expensive query: every call counts one build in db:builds and takes about
// 0.2 s. It waits on its own connection, so your commands are not stuck behind it (and the
// checks can hold a build open to look at your lock while it runs).
const db = await redis.duplicate().connect();

async function buildReport(day: string): Promise<Report> {
  await db.incr('db:builds');
  const holdSeconds = Number((await db.get(`db:hold:${day}`)) ?? 0.2);
  await db.blPop(`db:gate:${day}`, holdSeconds);
  const row = await db.hGet('db:orders', day);
  return row === null ? { day, orders: 0, revenue: 0 } : (JSON.parse(row) as Report);
}
// ────────────────────────────────────────────────────────────────────────────────────────────

/** The day's report: from the cache, or built by exactly one process while the others wait. */
export async function getReport(day: string): Promise<Report> {
  // TODO: look for the cached report first (reportKey(day)).
  // TODO: on a miss, only one process should build: take lockKey(day) with a token, in a way
  // that cannot block the report forever if this process crashes mid-build.
  // TODO: a process that did not get the lock should wait for the report, not build it too.
  // TODO: release the lock when done, without deleting a lock that is no longer yours.
  const report = await buildReport(day);
  await redis.set(reportKey(day), JSON.stringify(report), { expiration: { type: 'EX', value: REPORT_TTL_SECONDS } });
  return report;
}

export async function main(): Promise<void> {
  const t0 = performance.now();
  const reports = await Promise.all(Array.from({ length: 5 }, () => getReport('2026-11-01')));
  console.log(reports[0], `5 concurrent calls in ${(performance.now() - t0).toFixed(0)} ms`);
  console.log('builds:', await redis.get('db:builds'), '· TTL', await redis.ttl(reportKey('2026-11-01')), 's');
  await Promise.all([redis.close(), db.close()]);
}
