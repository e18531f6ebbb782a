// connectionStatus: who is authenticated on this connection (M2's auth plugin fills
// conn.state 'auth.users' / 'auth.roles'). https://www.mongodb.com/docs/manual/reference/command/connectionStatus/
import type { CommandSpec } from '../core.ts';

export const connectionStatus: CommandSpec = {
  name: 'connectionStatus',
  requiresAuth: false,
  run: (inv) => ({
    authInfo: {
      authenticatedUsers: (inv.conn.state.get('auth.users') as unknown[]) ?? [],
      authenticatedUserRoles: (inv.conn.state.get('auth.roles') as unknown[]) ?? [],
    },
  }),
};
