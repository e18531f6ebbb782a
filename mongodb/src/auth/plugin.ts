// Auth plugin: SCRAM-SHA-256 authentication, users per database and role-based authorization.
// Access control is on when startMongo gets `auth: { users: [...] }` (the listed users are created
// at start, in admin with role root unless given); user management and SCRAM work either way.
import type { MongoPlugin, ServerCore } from '../core.ts';
import { makeAuthHook } from './authorize.ts';
import { connectionStatusCommand } from './commands/connectionStatus.ts';
import { createUserCommand } from './commands/createUser.ts';
import { dropAllUsersFromDatabaseCommand } from './commands/dropAllUsersFromDatabase.ts';
import { dropUserCommand } from './commands/dropUser.ts';
import { grantRolesToUserCommand, revokeRolesFromUserCommand } from './commands/grantRolesToUser.ts';
import { authorizedListDatabases } from './commands/listDatabases.ts';
import { logoutCommand } from './commands/logout.ts';
import { saslContinueCommand } from './commands/saslContinue.ts';
import { saslStartCommand } from './commands/saslStart.ts';
import { updateUserCommand } from './commands/updateUser.ts';
import { usersInfoCommand } from './commands/usersInfo.ts';
import { onHello } from './hello.ts';
import { parseRoles } from './roles.ts';
import { AuthService } from './service.ts';
import { UserStore } from './users.ts';

export function installAuth(core: ServerCore): AuthService {
  const opt = core.options.auth;
  const users = new UserStore(core.options.dataDir);
  const auth = new AuthService(users, !!opt);
  for (const u of (opt && opt.users) || []) {
    const db = u.db ?? 'admin';
    if (!users.get(db, u.user)) users.create(db, u.user, u.pwd, parseRoles(u.roles ?? ['root'], db));
  }
  for (const make of [
    saslStartCommand,
    saslContinueCommand,
    createUserCommand,
    updateUserCommand,
    dropUserCommand,
    dropAllUsersFromDatabaseCommand,
    grantRolesToUserCommand,
    revokeRolesFromUserCommand,
    usersInfoCommand,
    logoutCommand,
    connectionStatusCommand,
  ]) {
    core.commands.register(make(auth));
  }
  const listDatabases = core.commands.get('listDatabases');
  if (listDatabases) core.commands.register(authorizedListDatabases(auth, listDatabases));
  core.hooks.auth = makeAuthHook(auth, (inv, reply) => onHello(auth, inv, reply));
  return auth;
}

export const plugin: MongoPlugin = {
  name: 'auth',
  install(core) {
    installAuth(core);
  },
};
