// redis-stream-workers — a job pipeline on a Redis stream.
// A producer appends jobs to STREAM; workers in the consumer group GROUP share them, process each
// (handle() pushes it onto RESULTS) and acknowledge it; recover() takes over the messages a
// crashed worker left behind. Your Redis server is at process.env.REDIS_URL.
import { createClient } from 'redis';

export const STREAM = 'jobs';
export const GROUP = 'workers';
export const RESULTS = 'results';
/** Roughly how many entries the stream should keep. */
export const MAX_LEN = 100;

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

/** Creates the group if it does not exist yet (and the stream with it). Done for you. */
export async function ensureGroup(): Promise<void> {
  try {
    await redis.xGroupCreate(STREAM, GROUP, '0', { MKSTREAM: true });
  } catch (err) {
    // BUSYGROUP: the group exists already — the normal case for every start after the first.
    if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
  }
}

/** Appends one job; returns its id ("<ms>-<seq>"). */
export async function produce(job: string): Promise<string> {
  // TODO: this stream grows forever. Keep it near MAX_LEN entries (cheaply).
  return redis.xAdd(STREAM, '*', { job });
}

/** The work itself. Done for you. */
async function handle(job: string): Promise<void> {
  await redis.rPush(RESULTS, job);
}

type StreamMessage = { id: string; message: Record<string, string> };

/** One worker round: reads up to `count` new messages as `consumer`, processes and acks them. */
export async function work(consumer: string, count: number): Promise<number> {
  // TODO: read new messages for this consumer with XREADGROUP (redis.xReadGroup), call handle()
  // on each message's job field, acknowledge it, and return how many you processed.
  const messages: StreamMessage[] = [];
  for (const { message } of messages) await handle(message.job);
  return messages.length;
}

/**
 * Claims every message pending longer than `minIdleMs` (whoever holds it) for `consumer`,
 * processes and acks it; returns how many.
 */
export async function recover(consumer: string, minIdleMs: number): Promise<number> {
  // TODO: XAUTOCLAIM (redis.xAutoClaim) from cursor '0-0' until the returned nextId is '0-0'.
  return 0;
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
