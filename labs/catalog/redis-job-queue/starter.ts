// redis-job-queue — a reliable work queue on two Redis lists.
// Producers push jobs onto PENDING; a worker takes the oldest, keeps it on PROCESSING while it
// works, and removes it when done. Your Redis server is at process.env.REDIS_URL.
import { createClient } from 'redis';

export const PENDING = 'jobs:pending';
export const PROCESSING = 'jobs:processing';

const redis = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.error('redis error:', err.message))
  .connect();

/** Add a job at the head of the queue; returns the queue's new length. */
export async function enqueue(job: string): Promise<number> {
  return redis.lPush(PENDING, job);
}

/**
 * Wait up to `timeoutSeconds` for the oldest job, move it to PROCESSING and return it;
 * null when none arrived in time.
 */
export async function takeJob(timeoutSeconds: number): Promise<string | null> {
  // TODO: this returns at once when the queue is empty, and a worker that crashes after the
  // pop has lost the job for good. Which list command waits on the server for a job and moves
  // it to PROCESSING in the same step? And which connection should a blocking command use?
  return redis.rPop(PENDING);
}

/** Mark a job done: remove it from PROCESSING. False when it was not there. */
export async function complete(job: string): Promise<boolean> {
  // TODO
  return true;
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
  await redis.close();
}
