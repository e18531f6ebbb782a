// How many times the learner's Redis server ran each command, read from its own counters:
// INFO commandstats has one `cmdstat_<name>:calls=N,…` line per command that ran
// (https://redis.io/docs/latest/commands/info/). A check compares two readings around a learner
// call to see whether MULTI/EXEC (or a script) was used, without MONITOR.
import type { RedisClientType } from 'redis';

/** Calls per command name (lower case) since the server started. */
export async function commandCalls(redis: RedisClientType): Promise<Map<string, number>> {
  const info = String(await redis.info('commandstats'));
  const calls = new Map<string, number>();
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(m[1], Number(m[2]));
  return calls;
}

/** Calls of `name` between two readings. */
export function callsBetween(before: Map<string, number>, after: Map<string, number>, name: string): number {
  return (after.get(name) ?? 0) - (before.get(name) ?? 0);
}
