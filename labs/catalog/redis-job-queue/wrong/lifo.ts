// redis-job-queue — WRONG: takes from the same end enqueue pushes onto: a stack, newest job first.
// (Otherwise the reference solution.) A reliable work queue on two lists: producers LPUSH onto
// jobs:pending, a worker BLMOVEs each job from its tail to jobs:processing (so a crash mid-job
// leaves it where it can be found) and LREMs it when done.
// The "reliable queue" pattern: https://redis.io/docs/latest/commands/lmove/#pattern-reliable-queue
import { createClient } from 'redis';

export const PENDING = 'jobs:pending';
export const PROCESSING = 'jobs:processing';

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();
// A blocking command holds its connection until it returns, and node-redis sends every command
// of a client over one connection: the worker gets a connection of its own.
const worker = await redis.duplicate().connect();

/** Add a job at the head of the queue; returns the queue's new length. */
export async function enqueue(job: string): Promise<number> {
  return redis.lPush(PENDING, job);
}

/**
 * Wait up to `timeoutSeconds` for the oldest job, move it to PROCESSING and return it;
 * null when none arrived in time.
 */
export async function takeJob(timeoutSeconds: number): Promise<string | null> {
  // Oldest job = the tail (jobs are pushed at the head). BLMOVE waits on the server, O(1),
  // Redis 6.2+: https://redis.io/docs/latest/commands/blmove/
  return worker.blMove(PENDING, PROCESSING, 'LEFT', 'LEFT', timeoutSeconds);
}

/** Mark a job done: remove it from PROCESSING. False when it was not there. */
export async function complete(job: string): Promise<boolean> {
  // LREM count 1 removes the first occurrence from the head: https://redis.io/docs/latest/commands/lrem/
  return (await redis.lRem(PROCESSING, 1, job)) === 1;
}

/** How many jobs wait in the queue. */
export async function pending(): Promise<number> {
  return redis.lLen(PENDING);
}

export async function main(): Promise<void> {
  for (const job of ['resize:1', 'resize:2']) await enqueue(job);
  for (let job = await takeJob(1); job !== null; job = await takeJob(1)) {
    console.log('working on', job);
    console.log('done:', await complete(job));
  }
  console.log('pending:', await pending());
  await Promise.all([redis.close(), worker.close()]);
}
