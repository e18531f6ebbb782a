// redis-stream-tail — an activity feed on a Redis stream that every reader sees in full.
// post() appends; history() reads the newest posts; next() tails the feed for a named reader.
// Your Redis server is at process.env.REDIS_URL.
import { createClient } from 'redis';

export const FEED = 'feed';
export const MAX_LEN = 1000;

export type Post = { id: string; text: string };
type StreamMessage = { id: string; message: Record<string, string> };

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

const toPost = ({ id, message }: StreamMessage): Post => ({ id, text: message.text });

/** Appends a post; returns its id. Done for you. */
export async function post(text: string): Promise<string> {
  return redis.xAdd(FEED, '*', { text }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: MAX_LEN } });
}

/** The newest `n` posts, oldest first. */
export async function history(n: number): Promise<Post[]> {
  // TODO: which command reads a stream from its newest end?
  return [];
}

/**
 * Posts added after the last one this reader saw (for a new reader: after its first call),
 * waiting up to `timeoutMs` for one to arrive; [] if none did.
 */
export async function next(reader: string, timeoutMs: number): Promise<Post[]> {
  // TODO: this returns at once, forgets where each reader was, and would block the shared
  // client if it did wait.
  const reply = await redis.xRead({ key: FEED, id: '$' });
  const messages: StreamMessage[] = reply?.[0]?.messages ?? [];
  return messages.map(toPost);
}

export async function main(): Promise<void> {
  await post('hello');
  console.log('history', await history(10));
  const waiting = next('me', 2000);
  await post('while you wait');
  console.log('next', await waiting);
  await redis.close();
}
