// redis-session-store — web sessions in Redis: a hash per session, a capped list of recent
// pages, a set of users online. Your Redis server is at process.env.REDIS_URL (node-redis 6:
// hover over a call in the editor to see its options and reply type).
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
  // TODO: a JSON string must be read, parsed and rewritten whole to bump one counter, and this
  // one never expires. Store the fields in a hash instead, give it a TTL, and add the user to
  // the ONLINE set — ideally all in one MULTI.
  await redis.set(sessionKey(sessionId), JSON.stringify({ userId, createdAt: Date.now(), views: 0 }));
}

/** Count a page view, remember the page, extend the session; returns the new view count. */
export async function recordView(sessionId: string, page: string): Promise<number> {
  // TODO: increment the views field, push the page onto the recent list and cap the list at
  // RECENT_MAX, atomically. Each view also pushes both keys' expiry back to SESSION_TTL_SECONDS.
  return 0;
}

/** The session with real types, or null when it does not exist (or expired). */
export async function getSession(sessionId: string): Promise<Session | null> {
  // TODO: read the hash and the recent list. What does HGETALL answer for a missing key?
  return null;
}

/** Close the session: delete both keys and mark its user offline. */
export async function endSession(sessionId: string): Promise<void> {
  // TODO
}

/** How many distinct users are online. */
export async function onlineCount(): Promise<number> {
  // TODO
  return 0;
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
