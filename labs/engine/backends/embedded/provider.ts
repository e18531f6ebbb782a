// The embedded provider: databases as local processes, no container runtime needed.
import type { BackendName } from '../../contracts/manifest.ts';
import { ComposedProvider } from '../compose.ts';
import type { BackendService } from '../provider.ts';
import { EmbeddedPostgresService } from './postgres.ts';
import { EmbeddedRedisService } from './redis.ts';

export function embeddedProvider(opts: { stateDir: string; tempDir: string; onProgress: (m: string) => void }): ComposedProvider {
  const services: BackendService[] = [new EmbeddedPostgresService(opts.stateDir), new EmbeddedRedisService(opts.tempDir)];
  const unavailable = new Map<BackendName, string>([
    ['mongo', 'the MongoDB emulator (mongodb/src/server.ts) is not wired in yet'],
    ['dynamodb', 'the DynamoDB emulator (dynamodb/src/server.ts) is not wired in yet'],
  ]);
  return new ComposedProvider('embedded', services, unavailable, opts.onProgress);
}
