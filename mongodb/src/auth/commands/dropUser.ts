// dropUser: https://www.mongodb.com/docs/manual/reference/command/dropUser/
import type { CommandSpec } from '../../core.ts';
import { authErrors } from '../errors.ts';
import type { AuthService } from '../service.ts';
import { userName } from './validate.ts';

export function dropUserCommand(auth: AuthService): CommandSpec {
  return {
    name: 'dropUser',
    run: ({ body, db }) => {
      const user = userName(body, 'dropUser');
      if (!auth.users.drop(db, user)) throw authErrors.userNotFound(user, db);
      return { ok: 1 };
    },
  };
}
