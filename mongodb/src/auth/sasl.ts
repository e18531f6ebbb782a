// The saslStart / saslContinue conversation for SCRAM-SHA-256, shared by the commands and by
// hello's speculativeAuthenticate. https://github.com/mongodb/specifications/blob/master/source/auth/auth.md#scram-sha-256
import { Binary, type Document } from 'bson';
import type { ConnectionContext } from '../core.ts';
import { authErrors } from './errors.ts';
import { MECHANISM, parseClientFirst, serverFirst, verifyClientFinal, type ClientFirst, type ServerFirst } from './scram.ts';
import type { AuthService } from './service.ts';

export interface ScramConversation {
  id: number;
  db: string;
  first: ClientFirst;
  server: ServerFirst;
  /** 1 after saslStart, 2 after the proof was verified (awaiting the empty final exchange). */
  step: 1 | 2;
  skipEmptyExchange: boolean;
}

/** Payload bytes as a UTF-8 string (drivers send BinData; tolerate strings). */
function payloadText(p: unknown): string {
  if (p instanceof Binary) return Buffer.from(p.buffer).toString('utf8');
  if (p instanceof Uint8Array) return Buffer.from(p).toString('utf8');
  if (typeof p === 'string') return p;
  throw authErrors.malformed('payload must be BinData');
}

const bin = (s: string) => new Binary(Buffer.from(s, 'utf8'));

export function saslStart(auth: AuthService, conn: ConnectionContext, db: string, body: Document): Document {
  const mechanism = String(body.mechanism ?? '');
  if (mechanism !== MECHANISM) throw authErrors.mechanismUnavailable(mechanism);
  let first: ClientFirst;
  try {
    first = parseClientFirst(payloadText(body.payload));
  } catch (e) {
    throw authErrors.malformed((e as Error).message);
  }
  const user = auth.users.get(db, first.user);
  if (!user) throw authErrors.authenticationFailed();
  const server = serverFirst(first.nonce, user.credentials[MECHANISM]);
  const id = (auth.conversation(conn)?.id ?? 0) + 1;
  const options = (body.options ?? {}) as Document;
  auth.setConversation(conn, { id, db, first, server, step: 1, skipEmptyExchange: options.skipEmptyExchange === true });
  return { conversationId: id, done: false, payload: bin(server.message) };
}

export function saslContinue(auth: AuthService, conn: ConnectionContext, body: Document): Document {
  const c = auth.conversation(conn);
  if (!c || (body.conversationId !== undefined && Number(body.conversationId) !== c.id)) throw authErrors.noConversation();
  if (c.step === 2) {
    auth.setConversation(conn, undefined);
    return { conversationId: c.id, done: true, payload: bin('') };
  }
  const user = auth.users.get(c.db, c.first.user);
  const final = user ? verifyClientFinal(payloadText(body.payload), c.first, c.server, user.credentials[MECHANISM]) : null;
  if (!user || final === null) {
    auth.setConversation(conn, undefined);
    throw authErrors.authenticationFailed();
  }
  auth.login(conn, user);
  if (c.skipEmptyExchange) auth.setConversation(conn, undefined);
  else auth.setConversation(conn, { ...c, step: 2 });
  return { conversationId: c.id, done: c.skipEmptyExchange, payload: bin(final) };
}
