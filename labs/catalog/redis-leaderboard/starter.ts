// redis-leaderboard — a game leaderboard on one Redis sorted set.
// Your Redis server is at process.env.REDIS_URL (node-redis 6; every reply type below is what
// its TypeScript definitions say: hover over a call in the editor to see them).
import { createClient } from 'redis';

/** The board's key: one sorted set, members = player names, scores = points. */
export const BOARD = 'game:leaderboard';

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

export interface Entry {
  player: string;
  score: number;
  /** 1-based position from the top. */
  rank: number;
}

/** Add `points` to `player`'s total (creating the player at 0) and return the new total. */
export async function addScore(player: string, points: number): Promise<number> {
  // TODO: this replaces the player's score instead of adding to it. Which sorted-set
  // command adds to a score atomically, and returns the new total?
  await redis.zAdd(BOARD, { score: points, value: player });
  return points;
}

/** Page `page` (0-based) of `n` entries, highest score first. */
export async function top(n: number, page = 0): Promise<Entry[]> {
  // TODO: read one page straight from the sorted set, highest first, with the scores.
  // Mind where a page starts and that ZRANGE's stop index is inclusive.
  return [];
}

/** 1-based rank of `player` (1 = highest score), or null when the player has no score. */
export async function rank(player: string): Promise<number | null> {
  // TODO: ask Redis for the player's position counted from the top.
  return null;
}

export async function main(): Promise<void> {
  for (const [player, points] of [['ada', 120], ['linus', 90], ['grace', 150], ['ada', 40]] as const) {
    console.log(`${player} +${points} →`, await addScore(player, points));
  }
  console.table(await top(3));
  console.log('rank of linus:', await rank('linus'), '— rank of nobody:', await rank('nobody'));
  await redis.close();
}
