// SCRAM-SHA-256 server side (RFC 5802 with SHA-256 per RFC 7677), as MongoDB speaks it:
// https://www.mongodb.com/docs/manual/core/security-scram/
// https://github.com/mongodb/specifications/blob/master/source/auth/auth.md#scram-sha-256
// Passwords are SASLprep'ed by the client and used as-is (unlike SCRAM-SHA-1's MD5 digest).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const MECHANISM = 'SCRAM-SHA-256';
/** The server's default scramSHA256IterationCount. */
export const DEFAULT_ITERATIONS = 15000;

export interface ScramCredential {
  iterationCount: number;
  salt: string; // base64
  storedKey: string; // base64
  serverKey: string; // base64
}

const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/**
 * SASLprep (RFC 4013) reduced to what matters for typed passwords: map non-ASCII spaces to
 * U+0020, drop "commonly mapped to nothing" characters, then NFKC. Prohibited-output checks are
 * left to the client, which must SASLprep too.
 */
export function saslprep(s: string): string {
  return s
    .replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u00AD\u034F\u1806\u180B-\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g, '')
    .normalize('NFKC');
}

export function deriveCredential(password: string, iterationCount = DEFAULT_ITERATIONS, salt = randomBytes(28)): ScramCredential {
  const salted = pbkdf2Sync(saslprep(password), salt, iterationCount, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return {
    iterationCount,
    salt: salt.toString('base64'),
    storedKey: sha256(clientKey).toString('base64'),
    serverKey: hmac(salted, 'Server Key').toString('base64'),
  };
}

/** Parses "k=v,k=v" attribute lists of SCRAM messages. */
function attributes(msg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of msg.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out.set(part[0], part.slice(2));
  }
  return out;
}

/** saslname decoding: "=2C" → ",", "=3D" → "=" (RFC 5802 §5.1). */
export function decodeSaslName(s: string): string {
  return s.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

export interface ClientFirst {
  user: string;
  nonce: string;
  /** client-first-message-bare, part of the AuthMessage. */
  bare: string;
}

/** Parses "n,,n=user,r=nonce"; throws on a malformed or channel-binding message. */
export function parseClientFirst(msg: string): ClientFirst {
  const m = /^([nyp])(=[^,]*)?,(a=[^,]*)?,(.*)$/.exec(msg);
  if (!m) throw new Error('Invalid SCRAM client first message');
  if (m[1] === 'p') throw new Error('Server does not support channel binding');
  const bare = m[4];
  const attrs = attributes(bare);
  const user = attrs.get('n');
  const nonce = attrs.get('r');
  if (!user || !nonce) throw new Error('Invalid SCRAM client first message');
  return { user: decodeSaslName(user), nonce, bare };
}

export interface ServerFirst {
  message: string;
  nonce: string;
}

export function serverFirst(clientNonce: string, cred: ScramCredential): ServerFirst {
  const nonce = clientNonce + randomBytes(24).toString('base64');
  return { nonce, message: `r=${nonce},s=${cred.salt},i=${cred.iterationCount}` };
}

/**
 * Verifies client-final "c=biws,r=<nonce>,p=<proof>". Returns the server-final message
 * ("v=<ServerSignature>") or null when the proof (i.e. the password) is wrong.
 */
export function verifyClientFinal(msg: string, first: ClientFirst, server: ServerFirst, cred: ScramCredential): string | null {
  const attrs = attributes(msg);
  const proof = attrs.get('p');
  if (attrs.get('r') !== server.nonce || !proof) return null;
  const withoutProof = msg.slice(0, msg.lastIndexOf(',p='));
  const authMessage = `${first.bare},${server.message},${withoutProof}`;
  const storedKey = Buffer.from(cred.storedKey, 'base64');
  const signature = hmac(storedKey, authMessage);
  const proofBytes = Buffer.from(proof, 'base64');
  if (proofBytes.length !== signature.length) return null;
  const clientKey = Buffer.alloc(signature.length);
  for (let i = 0; i < signature.length; i++) clientKey[i] = proofBytes[i] ^ signature[i];
  if (!timingSafeEqual(sha256(clientKey), storedKey)) return null;
  return `v=${hmac(Buffer.from(cred.serverKey, 'base64'), authMessage).toString('base64')}`;
}
