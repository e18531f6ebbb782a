// A learner's Redis namespace (a whole server, embedded or container): its ACL settings and the
// admin client the checks use. See labs/README.md for why servers are per learner.
import { createClient, type RedisClientType } from 'redis';
import type { Namespace } from '../provider.ts';

export const REDIS_USER = 'learner';
/** Commands learners need that live in @dangerous. */
const ALLOWED_DANGEROUS = ['flushall', 'flushdb', 'keys', 'info', 'sort', 'sort_ro', 'role', 'lastsave'];

/** The ACL rule of the learner's user: everything but admin and dangerous commands. */
export function learnerAcl(password: string): string[] {
  return [REDIS_USER, 'on', `>${password}`, '~*', '&*', '+@all', '-@admin', '-@dangerous', ...ALLOWED_DANGEROUS.map((c) => `+${c}`)];
}

/** Server settings shared by both providers, as `name value…` pairs. */
export function serverSettings(password: string): string[][] {
  return [
    ['save', '""'],
    ['appendonly', 'no'],
    ['maxmemory', '64mb'],
    ['maxmemory-policy', 'noeviction'],
    ['user', 'default', 'off'],
    ['user', ...learnerAcl(password)],
  ];
}

/** Connect the admin client and wrap the server as a namespace; `stop` ends the server. */
export async function redisNamespace(host: string, port: number, password: string, stop: () => Promise<void>): Promise<Namespace> {
  const url = `redis://${REDIS_USER}:${password}@${host}:${port}`;
  const client: RedisClientType = createClient({ url, socket: { reconnectStrategy: 50 } });
  client.on('error', () => undefined);
  await client.connect();
  return {
    env: { REDIS_URL: url },
    clients: { redis: client },
    async reset() {
      await client.flushAll();
    },
    async close() {
      await client.close().catch(() => undefined);
      await stop();
    },
  };
}
