// redis-leaderboard — WRONG: ZRANGE without REV reads the board from the lowest score up.
// (Otherwise the reference solution.) One sorted set holds the whole board: members are
// player names, scores are their points. Redis keeps it ordered (a skip list plus a hash table),
// so every call below is O(log n) or O(log n + m): https://redis.io/docs/latest/develop/data-types/sorted-sets/
import { createClient } from 'redis';

/** The board's key: `<object>:<name>`, Redis's usual naming convention. */
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
  // ZINCRBY is one atomic server-side step: concurrent calls never lose points the way
  // ZSCORE-then-ZADD would. https://redis.io/docs/latest/commands/zincrby/
  return redis.zIncrBy(BOARD, points, player);
}

/** Page `page` (0-based) of `n` entries, highest score first. */
export async function top(n: number, page = 0): Promise<Entry[]> {
  const start = page * n;
  // ZRANGE … REV WITHSCORES (Redis 6.2+); stop is inclusive, so n entries end at start + n - 1.
  // O(log N + M): https://redis.io/docs/latest/commands/zrange/
  const rows = await redis.zRangeWithScores(BOARD, start, start + n - 1);
  return rows.map(({ value, score }, i) => ({ player: value, score, rank: start + i + 1 }));
}

/** 1-based rank of `player` (1 = highest score), or null when the player has no score. */
export async function rank(player: string): Promise<number | null> {
  // ZREVRANK counts from the top, 0-based, O(log N): https://redis.io/docs/latest/commands/zrevrank/
  const r = await redis.zRevRank(BOARD, player);
  return r === null ? null : r + 1;
}

export async function main(): Promise<void> {
  for (const [player, points] of [['ada', 120], ['linus', 90], ['grace', 150], ['ada', 40]] as const) {
    console.log(`${player} +${points} →`, await addScore(player, points));
  }
  console.table(await top(3));
  console.log('rank of linus:', await rank('linus'), '— rank of nobody:', await rank('nobody'));
  await redis.close();
}
