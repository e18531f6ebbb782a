// redis-session-store — WRONG: LTRIM's stop index is inclusive, so 0..RECENT_MAX keeps eleven pages.
// (Otherwise the reference solution.) A session is a hash (one key, one field per
// attribute), its recent pages a capped list, the users online a set. Both session keys expire
// together and every view pushes the expiry back (a sliding session).
// Data types: https://redis.io/docs/latest/develop/data-types/
import { createClient } from 'redis';

/** A session lives 30 minutes after its last view. */
export const SESSION_TTL_SECONDS = 1800;
/** How many recent pages a session keeps. */
export const RECENT_MAX = 10;
/** The set of user ids with an open session. */
export const ONLINE = 'online:users';
export const sessionKey = (id: string) => `session:${id}`;
export const recentKey = (id: string) => `session:${id}:recent`;

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

export interface Session {
  userId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  views: number;
  /** Most recent page first, at most RECENT_MAX. */
  recent: string[];
}

/** Open a session for `userId` and mark the user online. */
export async function createSession(sessionId: string, userId: string): Promise<void> {
  // One round trip, applied as a unit: nobody sees a session hash without its TTL.
  // HSET takes many fields at once (Redis 4.0+): https://redis.io/docs/latest/commands/hset/
  await redis
    .multi()
    .hSet(sessionKey(sessionId), { userId, createdAt: Date.now(), views: 0 })
    .expire(sessionKey(sessionId), SESSION_TTL_SECONDS)
    .sAdd(ONLINE, userId)
    .exec();
}

/** Count a page view, remember the page, extend the session; returns the new view count. */
export async function recordView(sessionId: string, page: string): Promise<number> {
  // MULTI/EXEC runs the queued commands back to back, no other client in between, so the list
  // is never seen (or left) longer than RECENT_MAX: https://redis.io/docs/latest/develop/interact/transactions/
  const [views] = await redis
    .multi()
    .hIncrBy(sessionKey(sessionId), 'views', 1)
    .lPush(recentKey(sessionId), page)
    .lTrim(recentKey(sessionId), 0, RECENT_MAX)
    .expire(sessionKey(sessionId), SESSION_TTL_SECONDS)
    .expire(recentKey(sessionId), SESSION_TTL_SECONDS)
    .execTyped(); // exec() with each reply's type, in order
  return views;
}

/** The session with real types, or null when it does not exist (or expired). */
export async function getSession(sessionId: string): Promise<Session | null> {
  const [hash, recent] = await Promise.all([redis.hGetAll(sessionKey(sessionId)), redis.lRange(recentKey(sessionId), 0, -1)]);
  // HGETALL on a missing key is an empty hash, not null: https://redis.io/docs/latest/commands/hgetall/
  if (hash.userId === undefined) return null;
  // Hash values are strings on the wire; convert the numeric ones here, once.
  return { userId: hash.userId, createdAt: Number(hash.createdAt), views: Number(hash.views), recent };
}

/** Close the session: delete both keys and mark its user offline. */
export async function endSession(sessionId: string): Promise<void> {
  const userId = await redis.hGet(sessionKey(sessionId), 'userId');
  const tx = redis.multi().del([sessionKey(sessionId), recentKey(sessionId)]);
  if (userId !== null) tx.sRem(ONLINE, userId);
  await tx.exec();
}

/** How many distinct users are online: SCARD is O(1). */
export async function onlineCount(): Promise<number> {
  return redis.sCard(ONLINE);
}

export async function main(): Promise<void> {
  await createSession('s-1', 'u-42');
  for (const page of ['/home', '/pricing', '/docs']) console.log(page, '→ views', await recordView('s-1', page));
  console.log(await getSession('s-1'), await getSession('nope'));
  console.log('online:', await onlineCount());
  await endSession('s-1');
  console.log('online after logout:', await onlineCount());
  await redis.close();
}
