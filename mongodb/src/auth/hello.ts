// hello additions for authentication: saslSupportedMechs and speculativeAuthenticate, which let
// the driver skip a round trip. https://github.com/mongodb/specifications/blob/master/source/auth/auth.md#speculative-authentication
import type { Document } from 'bson';
import type { CommandInvocation } from '../core.ts';
import { saslStart } from './sasl.ts';
import { MECHANISM } from './scram.ts';
import type { AuthService } from './service.ts';

export function onHello(auth: AuthService, inv: CommandInvocation, reply: Document): void {
  const mechs = inv.body.saslSupportedMechs;
  if (typeof mechs === 'string') {
    const dot = mechs.indexOf('.');
    if (dot > 0 && auth.users.get(mechs.slice(0, dot), mechs.slice(dot + 1))) reply.saslSupportedMechs = [MECHANISM];
  }
  const spec = inv.body.speculativeAuthenticate as Document | undefined;
  if (spec && spec.saslStart === 1 && spec.mechanism === MECHANISM) {
    try {
      reply.speculativeAuthenticate = saslStart(auth, inv.conn, String(spec.db ?? 'admin'), spec);
    } catch {
      // The real server leaves speculativeAuthenticate out on failure; the driver then runs saslStart.
    }
  }
}
