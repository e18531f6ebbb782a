// saslStart: first SCRAM step. https://www.mongodb.com/docs/manual/core/security-scram/
import type { CommandSpec } from '../../core.ts';
import { saslStart } from '../sasl.ts';
import type { AuthService } from '../service.ts';

export function saslStartCommand(auth: AuthService): CommandSpec {
  return { name: 'saslStart', requiresAuth: false, run: (inv) => saslStart(auth, inv.conn, inv.db, inv.body) };
}
