// Learner identity: a random id in an HttpOnly cookie, issued on the first API call. Workshops
// get one namespace per browser; a lone local user gets the same (just one of them).
// The id is never derived from anything the learner controls beyond this cookie, and a cookie
// that does not look like one we issued is replaced. https://httpwg.org/specs/rfc6265.html
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const LEARNER_COOKIE = 'ks_learner';
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const ONE_YEAR_S = 365 * 24 * 3600;

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The learner id for this request; sets the cookie when the request had none (or a bad one). */
export function learnerFor(req: IncomingMessage, res: ServerResponse): string {
  const existing = readCookie(req.headers.cookie, LEARNER_COOKIE);
  if (existing && ID_PATTERN.test(existing)) return existing;
  const id = randomBytes(16).toString('base64url');
  // SameSite=Strict: other sites cannot make a learner's browser spend grading time.
  res.appendHeader('set-cookie', `${LEARNER_COOKIE}=${id}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${ONE_YEAR_S}`);
  return id;
}
