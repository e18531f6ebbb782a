// What the learner's Redis server says about its clients and commands (INFO clients,
// INFO commandstats: https://redis.io/docs/latest/commands/info/). `blocked_clients` counts the
// connections waiting inside a blocking command such as XREAD BLOCK: the checks wait for it to reach 1
// instead of sleeping a guessed amount of time.
import type { RedisClientType } from 'redis';

/** Connections currently waiting in a blocking command. */
export async function blockedClients(redis: RedisClientType): Promise<number> {
  const m = /blocked_clients:(\d+)/.exec(String(await redis.info('clients')));
  if (!m) throw new Error('INFO clients has no blocked_clients line');
  return Number(m[1]);
}

/** Polls `condition` every 20 ms; true as soon as it holds, false after `ms`. */
export async function waitFor(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves to the promise's value, or to `'stuck'` if it has not settled within `ms`. */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | 'stuck'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<'stuck'>((r) => (timer = setTimeout(() => r('stuck'), ms)));
  try {
    return await Promise.race([p, stuck]);
  } finally {
    clearTimeout(timer);
  }
}
