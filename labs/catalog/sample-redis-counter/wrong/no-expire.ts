import { createClient } from 'redis';

const redis = await createClient({ url: process.env.REDIS_URL }).connect();

export async function hit(page: string): Promise<number> {
  const [count] = await redis.multi().incr(`hits:${page}`).zIncrBy('pages', 1, page).exec();
  return Number(count);
}

// Wrong: the counter never expires, so a user who hits the limit is blocked forever.
export async function allow(user: string, limit: number, _windowSeconds: number): Promise<boolean> {
  return (await redis.incr(`rate:${user}`)) <= limit;
}

export async function topPages(n: number) {
  return (await redis.zRangeWithScores('pages', 0, n - 1, { REV: true })).map(({ value, score }) => ({ page: value, hits: score }));
}
