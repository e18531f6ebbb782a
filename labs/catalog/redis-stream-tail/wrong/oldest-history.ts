// redis-stream-tail — WRONG: XRANGE - + COUNT n: the n oldest posts, not the newest.
// (Otherwise the reference solution.) An activity feed on a stream: post() appends with a
// cap, history() reads the newest entries, and next() tails the stream for a named reader,
// remembering the last id it handed out so nothing posted between two calls is missed.
// Every reader sees every entry (fan-out): no consumer group. https://redis.io/docs/latest/commands/xread/
import { createClient } from 'redis';

export const FEED = 'feed';
export const MAX_LEN = 1000;

export type Post = { id: string; text: string };
type StreamMessage = { id: string; message: Record<string, string> };

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();
// XREAD BLOCK holds its connection for the whole wait: the tail gets a connection of its own.
const tail = await redis.duplicate().connect();

/** Where each reader got to: the id of the last entry next() returned to it. */
const lastSeen = new Map<string, string>();

const toPost = ({ id, message }: StreamMessage): Post => ({ id, text: message.text });

/** Appends a post; returns its id. */
export async function post(text: string): Promise<string> {
  return redis.xAdd(FEED, '*', { text }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: MAX_LEN } });
}

/** The newest `n` posts, oldest first. */
export async function history(n: number): Promise<Post[]> {
  // XREVRANGE reads from the newest end: https://redis.io/docs/latest/commands/xrevrange/
  const oldest: StreamMessage[] = (await redis.xRange(FEED, '-', '+', { COUNT: n })) ?? [];
  return oldest.map(toPost);
}

/** The id of the newest entry, or '0-0' when the feed is empty: "now", for a new reader. */
async function newestId(): Promise<string> {
  const [newest]: StreamMessage[] = (await redis.xRevRange(FEED, '+', '-', { COUNT: 1 })) ?? [];
  return newest?.id ?? '0-0';
}

/**
 * Posts added after the last one this reader saw (for a new reader: after its first call),
 * waiting up to `timeoutMs` for one to arrive; [] if none did.
 */
export async function next(reader: string, timeoutMs: number): Promise<Post[]> {
  // Not '$' on every call: '$' means "after whatever is newest when the command runs", so
  // anything posted between two calls would be skipped. Pin "now" once, then resume from the
  // last id handed out.
  let id = lastSeen.get(reader);
  if (id === undefined) {
    id = await newestId();
    lastSeen.set(reader, id);
  }
  // BLOCK is in milliseconds; COUNT caps one reply. https://redis.io/docs/latest/commands/xread/
  const reply = await tail.xRead({ key: FEED, id }, { BLOCK: timeoutMs, COUNT: 100 });
  const messages: StreamMessage[] = reply?.[0]?.messages ?? [];
  const last = messages.at(-1);
  if (last) lastSeen.set(reader, last.id);
  return messages.map(toPost);
}

export async function main(): Promise<void> {
  await post('hello');
  console.log('history', await history(10));
  const waiting = next('me', 2000);
  await post('while you wait');
  console.log('next', await waiting);
  await Promise.all([redis.close(), tail.close()]);
}
