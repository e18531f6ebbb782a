import { createClient } from 'redis';

const redis = await createClient({ url: process.env.REDIS_URL }).connect();

export async function hit(page: string): Promise<number> {
  const [count] = await redis.multi().incr(`hits:${page}`).zIncrBy('pages', 1, page).exec();
  return Number(count);
}

// Wrong: EXPIRE on every call restarts the window, so a steady caller is never let back in.
export async function allow(user: string, limit: number, windowSeconds: number): Promise<boolean> {
  const count = await redis.incr(`rate:${user}`);
  await redis.expire(`rate:${user}`, windowSeconds);
  return count <= limit;
}

export async function topPages(n: number) {
  return (await redis.zRangeWithScores('pages', 0, n - 1, { REV: true })).map(({ value, score }) => ({ page: value, hits: score }));
}
