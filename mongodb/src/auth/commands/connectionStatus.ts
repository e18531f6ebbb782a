// connectionStatus: who this connection is authenticated as.
// https://www.mongodb.com/docs/manual/reference/command/connectionStatus/
import type { CommandSpec } from '../../core.ts';
import type { AuthService } from '../service.ts';

export function connectionStatusCommand(auth: AuthService): CommandSpec {
  return {
    name: 'connectionStatus',
    requiresAuth: false,
    run: ({ conn }) => {
      const u = auth.principal(conn);
      return {
        authInfo: {
          authenticatedUsers: u ? [{ user: u.user, db: u.db }] : [],
          authenticatedUserRoles: u ? u.roles.map((r) => ({ role: r.role, db: r.db })) : [],
        },
        ok: 1,
      };
    },
  };
}
