// redis-stream-workers — WRONG: plain XREAD from the start: every worker gets every message.
// (Otherwise the reference solution.) A producer appends jobs to a capped stream, workers
// in one consumer group share them (each message goes to one consumer), acknowledge each after
// processing, and a recovery sweep claims what a dead consumer left pending.
// Streams and consumer groups: https://redis.io/docs/latest/develop/data-types/streams/
import { createClient } from 'redis';

export const STREAM = 'jobs';
export const GROUP = 'workers';
export const RESULTS = 'results';
/** Roughly how many entries the stream keeps (MAXLEN ~ trims whole nodes, so a few more stay). */
export const MAX_LEN = 100;

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

/** Creates the group if it does not exist yet (and the stream with it). */
export async function ensureGroup(): Promise<void> {
  try {
    // '0': the group starts at the beginning of the stream; MKSTREAM creates an empty stream.
    // https://redis.io/docs/latest/commands/xgroup-create/
    await redis.xGroupCreate(STREAM, GROUP, '0', { MKSTREAM: true });
  } catch (err) {
    // BUSYGROUP: the group exists already — the normal case for every start after the first.
    if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
  }
}

/** Appends one job; returns its id ("<ms>-<seq>"). */
export async function produce(job: string): Promise<string> {
  // '*': the server picks the id. MAXLEN ~ keeps the stream near MAX_LEN entries, trimming only
  // whole radix-tree nodes, which is far cheaper than an exact trim.
  // https://redis.io/docs/latest/commands/xadd/
  return redis.xAdd(STREAM, '*', { job }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: MAX_LEN } });
}

/** The work itself. At-least-once delivery means it may see a job twice: keep it idempotent. */
async function handle(job: string): Promise<void> {
  await redis.rPush(RESULTS, job);
}

/** One stream entry as node-redis returns it. */
type StreamMessage = { id: string; message: Record<string, string> };

/** Processes and acknowledges each message, in order; returns how many. */
async function processAll(messages: StreamMessage[]): Promise<number> {
  for (const { id, message } of messages) {
    await handle(message.job);
    // XACK removes the id from the group's pending entries list (PEL).
    // https://redis.io/docs/latest/commands/xack/
    await redis.xAck(STREAM, GROUP, id);
  }
  return messages.length;
}

/** Where each worker got to in the stream. */
const lastSeen = new Map<string, string>();

/** One worker round: reads up to `count` new messages as `consumer`, processes and acks them. */
export async function work(consumer: string, count: number): Promise<number> {
  // '>': messages never delivered to any consumer of the group. No BLOCK here, so the call
  // returns at once (null when there is nothing new); a long-running worker would add BLOCK on a
  // connection of its own. https://redis.io/docs/latest/commands/xreadgroup/
  const reply = await redis.xRead({ key: STREAM, id: lastSeen.get(consumer) ?? '0' }, { COUNT: count });
  const last = reply?.[0]?.messages.at(-1);
  if (last) lastSeen.set(consumer, last.id);
  // Under RESP3 node-redis types `messages` as any: name the shape it has.
  const messages: StreamMessage[] = reply?.[0]?.messages ?? [];
  return processAll(messages);
}

/**
 * Claims every message pending longer than `minIdleMs` (whoever holds it) for `consumer`,
 * processes and acks it; returns how many.
 */
export async function recover(consumer: string, minIdleMs: number): Promise<number> {
  let done = 0;
  let cursor = '0-0';
  do {
    // XAUTOCLAIM scans the PEL from `cursor` and transfers idle entries; the reply's cursor is
    // '0-0' once the whole PEL was scanned. https://redis.io/docs/latest/commands/xautoclaim/
    const page = await redis.xAutoClaim(STREAM, GROUP, consumer, minIdleMs, cursor, { COUNT: 100 });
    done += await processAll(page.messages.flatMap((m) => (m ? [m] : [])));
    cursor = page.nextId;
  } while (cursor !== '0-0');
  return done;
}

export async function main(): Promise<void> {
  await ensureGroup();
  for (const job of ['resize:1', 'resize:2', 'resize:3']) console.log('added', await produce(job));
  console.log('w1 processed', await work('w1', 2));
  console.log('w2 processed', await work('w2', 2));
  console.log('recovered', await recover('w1', 60_000));
  console.log('results', await redis.lRange(RESULTS, 0, -1));
  await redis.close();
}
