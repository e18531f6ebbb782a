// Plugin-wide auth state: the user store, whether access control is on, and who each connection
// is authenticated as (kept in ConnectionContext.state, so it dies with the connection).
import type { ConnectionContext } from '../core.ts';
import type { RoleRef } from './roles.ts';
import type { ScramConversation } from './sasl.ts';
import { UserStore, type UserDoc } from './users.ts';

const USER_KEY = 'auth.user';
const SASL_KEY = 'auth.sasl';

export class AuthService {
  readonly users: UserStore;
  /** Access control on (the server's --auth): unauthenticated commands are rejected. */
  readonly enabled: boolean;

  constructor(users: UserStore, enabled: boolean) {
    this.users = users;
    this.enabled = enabled;
  }

  /**
   * The connection's user, looked up afresh so that dropUser/updateUser apply to open
   * connections at once; undefined when not authenticated or the user was dropped.
   */
  principal(conn: ConnectionContext): UserDoc | undefined {
    const id = conn.state.get(USER_KEY) as { user: string; db: string } | undefined;
    return id ? this.users.get(id.db, id.user) : undefined;
  }

  roles(conn: ConnectionContext): RoleRef[] {
    return this.principal(conn)?.roles ?? [];
  }

  login(conn: ConnectionContext, user: UserDoc): void {
    conn.state.set(USER_KEY, { user: user.user, db: user.db });
  }

  logout(conn: ConnectionContext): void {
    conn.state.delete(USER_KEY);
  }

  conversation(conn: ConnectionContext): ScramConversation | undefined {
    return conn.state.get(SASL_KEY) as ScramConversation | undefined;
  }

  setConversation(conn: ConnectionContext, c: ScramConversation | undefined): void {
    if (c) conn.state.set(SASL_KEY, c);
    else conn.state.delete(SASL_KEY);
  }
}
