// saslContinue: client proof, then the optional empty final exchange.
import type { CommandSpec } from '../../core.ts';
import { saslContinue } from '../sasl.ts';
import type { AuthService } from '../service.ts';

export function saslContinueCommand(auth: AuthService): CommandSpec {
  return { name: 'saslContinue', requiresAuth: false, run: (inv) => saslContinue(auth, inv.conn, inv.body) };
}
