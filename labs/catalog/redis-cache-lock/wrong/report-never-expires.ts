// redis-cache-lock — WRONG: the report is cached without a TTL, so yesterday's numbers stay forever.
// (Otherwise the reference solution.) A miss takes a short lock (SET NX PX) so that one process
// builds the report while every other waits for the cache; the lock expires by itself if its
// holder dies, and is released with a compare-and-delete so nobody deletes a lock they lost.
// Distributed locks with Redis: https://redis.io/docs/latest/develop/use/patterns/distributed-locks/
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

/** Delete the lock only if it still holds our token, atomically: GET and DEL in one script. */
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** The day's report: from the cache, or built by exactly one process while the others wait. */
export async function getReport(day: string): Promise<Report> {
  for (;;) {
    const cached = await redis.get(reportKey(day));
    if (cached !== null) return JSON.parse(cached) as Report;

    // A fresh token per attempt, so the release can tell our lock from a later holder's.
    const token = randomUUID();
    const got = await redis.set(lockKey(day), token, { condition: 'NX', expiration: { type: 'PX', value: LOCK_TTL_MS } });
    if (got === 'OK') {
      try {
        const report = await buildReport(day);
        await redis.set(reportKey(day), JSON.stringify(report));
        return report;
      } finally {
        await redis.eval(RELEASE, { keys: [lockKey(day)], arguments: [token] });
      }
    }
    // Someone else is building: wait for their report. If they died, their lock expires
    // within LOCK_TTL_MS and one of the waiters takes it over on a later turn.
    await sleep(POLL_MS);
  }
}

export async function main(): Promise<void> {
  const t0 = performance.now();
  const reports = await Promise.all(Array.from({ length: 5 }, () => getReport('2026-11-01')));
  console.log(reports[0], `5 concurrent calls in ${(performance.now() - t0).toFixed(0)} ms`);
  console.log('builds:', await redis.get('db:builds'), '· TTL', await redis.ttl(reportKey('2026-11-01')), 's');
  await Promise.all([redis.close(), db.close()]);
}
