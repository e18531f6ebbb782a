// The AuthHook: rejects commands the connection's user may not run (code 13 Unauthorized).
// https://www.mongodb.com/docs/manual/core/authorization/
import type { AuthHook, CommandInvocation } from '../core.ts';
import { authErrors } from './errors.ts';
import { requirement } from './privileges.ts';
import { renderDocument } from './render.ts';
import { grants } from './roles.ts';
import type { AuthService } from './service.ts';

/**
 * The localhost exception: with access control on and no users at all, a client may create the
 * first user in admin (https://www.mongodb.com/docs/manual/core/localhost-exception/).
 */
function localhostException(auth: AuthService, inv: CommandInvocation): boolean {
  return auth.users.size === 0 && inv.name === 'createUser' && inv.db === 'admin';
}

export function authorizeCommand(auth: AuthService, inv: CommandInvocation): void {
  if (!auth.enabled) return;
  const req = requirement(inv);
  if (req.kind === 'public') return;
  const user = auth.principal(inv.conn);
  if (!user) {
    if (localhostException(auth, inv)) return;
    throw authErrors.requiresAuthentication(inv.name);
  }
  if (req.kind === 'authenticated') return;
  for (const need of req.needs) {
    if (!grants(user.roles, need.db, need.action)) throw authErrors.notAuthorized(need.db === '*' ? inv.db : need.db, renderDocument(inv.body));
  }
}

export function makeAuthHook(auth: AuthService, onHello: AuthHook['onHello']): AuthHook {
  return { authorize: (inv) => authorizeCommand(auth, inv), onHello };
}
