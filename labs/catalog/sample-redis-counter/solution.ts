import { createClient } from 'redis';

const redis = await createClient({ url: process.env.REDIS_URL }).connect();

export async function hit(page: string): Promise<number> {
  const [count] = await redis.multi().incr(`hits:${page}`).zIncrBy('pages', 1, page).exec();
  return Number(count);
}

export async function allow(user: string, limit: number, windowSeconds: number): Promise<boolean> {
  const key = `rate:${user}`;
  const count = await redis.incr(key);
  // Only the window's first request starts the clock.
  if (count === 1) await redis.expire(key, windowSeconds);
  return count <= limit;
}

export async function topPages(n: number): Promise<{ page: string; hits: number }[]> {
  const top = await redis.zRangeWithScores('pages', 0, n - 1, { REV: true });
  return top.map(({ value, score }) => ({ page: value, hits: score }));
}

export async function main(): Promise<void> {
  for (const p of ['home', 'docs', 'home']) console.log(p, await hit(p));
  console.log(await topPages(2));
  await redis.close();
}
