// What the learner's Redis server sent, read from its own counters: INFO stats'
// total_net_output_bytes counts every reply byte written to any client
// (https://redis.io/docs/latest/commands/info/). A check wraps one learner call with it to tell
// "fetched one page" from "fetched the whole board and sliced it in JavaScript" without MONITOR.
import type { RedisClientType } from 'redis';

async function netOutputBytes(redis: RedisClientType): Promise<number> {
  const info = String(await redis.info('stats'));
  const m = /total_net_output_bytes:(\d+)/.exec(info);
  if (!m) throw new Error('INFO stats has no total_net_output_bytes line');
  return Number(m[1]);
}

/**
 * Runs `call` and returns its result with the bytes Redis sent meanwhile. Our own INFO reply is
 * written after its counter was read, so it lands in the next reading: measured once and taken off.
 */
export async function bytesSentDuring<T>(redis: RedisClientType, call: () => Promise<T>): Promise<{ result: T; bytes: number }> {
  const a = await netOutputBytes(redis);
  const infoReply = (await netOutputBytes(redis)) - a;
  const before = await netOutputBytes(redis);
  const result = await call();
  const after = await netOutputBytes(redis);
  return { result, bytes: Math.max(0, after - before - infoReply) };
}
