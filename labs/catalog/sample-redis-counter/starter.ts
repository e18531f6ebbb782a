import { createClient } from 'redis';

// REDIS_URL points at your own Redis server.
const redis = await createClient({ url: process.env.REDIS_URL }).connect();

/** Count a hit on `page` (key `hits:<page>`, and the `pages` sorted set); return the new count. */
export async function hit(page: string): Promise<number> {
  // TODO
  throw new Error('hit is not implemented yet');
}

/** Fixed-window limiter on key `rate:<user>`: true while the user made ≤ limit calls in the window. */
export async function allow(user: string, limit: number, windowSeconds: number): Promise<boolean> {
  // TODO
  throw new Error('allow is not implemented yet');
}

/** The n most visited pages, most hits first. */
export async function topPages(n: number): Promise<{ page: string; hits: number }[]> {
  // TODO
  return [];
}

export async function main(): Promise<void> {
  for (const p of ['home', 'docs', 'home']) console.log(p, await hit(p));
  console.log(await topPages(2));
  await redis.close();
}
