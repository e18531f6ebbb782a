// The embedded provider: databases as local processes or in-process emulators; no container
// runtime needed.
import { ComposedProvider } from '../compose.ts';
import type { BackendService } from '../provider.ts';
import { EmbeddedDynamoService } from './dynamodb.ts';
import { EmbeddedMongoService } from './mongo.ts';
import { EmbeddedPostgresService } from './postgres.ts';
import { EmbeddedRedisService } from './redis.ts';

export function embeddedProvider(opts: { stateDir: string; tempDir: string; onProgress: (m: string) => void }): ComposedProvider {
  const services: BackendService[] = [
    new EmbeddedPostgresService(opts.stateDir, opts.tempDir),
    new EmbeddedMongoService(),
    new EmbeddedRedisService(opts.tempDir),
    new EmbeddedDynamoService(),
  ];
  return new ComposedProvider('embedded', services, new Map(), opts.onProgress);
}
