// Where the conformance suite lives: ../shared/conformance/mongodb beside the repository (as in CI),
// or $KEYSPACE_MONGO_CONFORMANCE_DIR.
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export function conformanceDir(): string {
  return process.env.KEYSPACE_MONGO_CONFORMANCE_DIR ?? path.resolve(repoRoot, '../shared/conformance/mongodb');
}
