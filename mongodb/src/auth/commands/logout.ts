// logout: ends the connection's authentication (deprecated on the real server but still answered).
import type { CommandSpec } from '../../core.ts';
import type { AuthService } from '../service.ts';

export function logoutCommand(auth: AuthService): CommandSpec {
  return {
    name: 'logout',
    requiresAuth: false,
    run: ({ conn }) => {
      auth.logout(conn);
      return { ok: 1 };
    },
  };
}
