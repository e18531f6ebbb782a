// dropAllUsersFromDatabase: https://www.mongodb.com/docs/manual/reference/command/dropAllUsersFromDatabase/
import type { CommandSpec } from '../../core.ts';
import type { AuthService } from '../service.ts';

export function dropAllUsersFromDatabaseCommand(auth: AuthService): CommandSpec {
  return { name: 'dropAllUsersFromDatabase', run: ({ db }) => ({ n: auth.users.dropAll(db), ok: 1 }) };
}
