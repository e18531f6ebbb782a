// Namespace names derive from the learner id by hashing, so any id (an email, a session
// token) becomes a short identifier that is safe in SQL, Redis ACLs and database names.
import { createHash, randomBytes } from 'node:crypto';
import type { LearnerId } from '../api.ts';

/** e.g. "ks_l_3f9a0c1d2e4b5a6c": lowercase, starts with a letter, ≤ 63 bytes (Postgres' limit). */
export function namespaceName(learner: LearnerId): string {
  return `ks_l_${createHash('sha256').update(learner).digest('hex').slice(0, 16)}`;
}

/** A random secret that needs no quoting in URLs or SQL literals. */
export function secret(): string {
  return randomBytes(18).toString('base64url').replace(/[-_]/g, 'x');
}
