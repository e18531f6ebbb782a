import { createClient } from 'redis';

const redis = await createClient({ url: process.env.REDIS_URL }).connect();

// Wrong: read-modify-write. Concurrent hits read the same value and overwrite each other.
export async function hit(page: string): Promise<number> {
  const count = Number((await redis.get(`hits:${page}`)) ?? 0) + 1;
  await redis.set(`hits:${page}`, String(count));
  await redis.zIncrBy('pages', 1, page);
  return count;
}

export async function allow(user: string, limit: number, windowSeconds: number): Promise<boolean> {
  const count = await redis.incr(`rate:${user}`);
  if (count === 1) await redis.expire(`rate:${user}`, windowSeconds);
  return count <= limit;
}

export async function topPages(n: number) {
  return (await redis.zRangeWithScores('pages', 0, n - 1, { REV: true })).map(({ value, score }) => ({ page: value, hits: score }));
}
