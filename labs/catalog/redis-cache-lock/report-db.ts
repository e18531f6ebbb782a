// The lab's stand-in database, shared by the fixture and the checks (the learner's file keeps its
// own copy of the key names: it may not import files). Rows are JSON in one hash; every call of
// the provided buildReport() INCRs db:builds, and a build blocks on db:gate:<day> for
// db:hold:<day> seconds (default 0.2), so a check can hold a build open, look at the learner's
// lock while it runs, and then let it finish by pushing to the gate.
import type { RedisClientType } from 'redis';

export const DB_ORDERS = 'db:orders';
export const DB_BUILDS = 'db:builds';
export const holdKey = (day: string) => `db:hold:${day}`;
export const gateKey = (day: string) => `db:gate:${day}`;

export interface Report {
  day: string;
  orders: number;
  revenue: number;
}

export function seedReports(): Report[] {
  return Array.from({ length: 10 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, orders: 100 + i * 7, revenue: 25_000 + i * 1_310 }));
}

export async function builds(redis: RedisClientType): Promise<number> {
  return Number((await redis.get(DB_BUILDS)) ?? 0);
}

/** The report the database would build for `day`. */
export async function expectedReport(redis: RedisClientType, day: string): Promise<Report> {
  const json = await redis.hGet(DB_ORDERS, day);
  if (json === null) throw new Error(`no seed row for ${day}`);
  return JSON.parse(json) as Report;
}

/**
 * Calls of commands that can take a lock (SET, or a script) since the server started: INFO
 * commandstats has one `cmdstat_<name>:calls=N` line per command (https://redis.io/docs/latest/commands/info/).
 */
export async function lockAttempts(redis: RedisClientType): Promise<number> {
  const info = String(await redis.info('commandstats'));
  let n = 0;
  for (const m of info.matchAll(/^cmdstat_(set|eval|evalsha|eval_ro|evalsha_ro|fcall):calls=(\d+)/gm)) n += Number(m[2]);
  return n;
}
