import { createClient } from 'redis';

const redis = await createClient({ url: process.env.REDIS_URL }).connect();

export function answer(): number {
  return 42;
}

export async function store(key: string): Promise<void> {
  await redis.set(key, 'v');
}

export function echo(value: unknown): unknown {
  return value;
}

export function main(): string {
  console.log('hello from main');
  return 'done';
}
