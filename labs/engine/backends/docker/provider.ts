// The docker provider: each backend in a container via testcontainers (whose Ryuk sidecar
// removes the containers even if this process is killed).
import { ComposedProvider } from '../compose.ts';
import { IMAGES } from '../images.ts';
import type { SelectOptions } from '../select.ts';
import { DockerDynamoService } from './dynamodb.ts';
import { DockerMongoService } from './mongo.ts';
import { DockerPostgresService } from './postgres.ts';
import { DockerRedisService } from './redis.ts';

export function dockerProvider(opts: SelectOptions): ComposedProvider {
  // testcontainers reads the reaper's image from here when it starts its first container
  // (node_modules/testcontainers/build/reaper/reaper.js); a user's own setting wins.
  process.env.RYUK_CONTAINER_IMAGE ??= IMAGES.ryuk;
  const services = [new DockerPostgresService(), new DockerMongoService(), new DockerRedisService(), new DockerDynamoService()];
  return new ComposedProvider('docker', services, new Map(), opts.onProgress);
}
