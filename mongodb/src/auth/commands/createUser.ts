// createUser: https://www.mongodb.com/docs/manual/reference/command/createUser/
import type { Document } from 'bson';
import type { CommandSpec } from '../../core.ts';
import { authErrors } from '../errors.ts';
import { parseRoles } from '../roles.ts';
import type { AuthService } from '../service.ts';
import { checkMechanisms, password, userName } from './validate.ts';

export function createUserCommand(auth: AuthService): CommandSpec {
  return {
    name: 'createUser',
    run: ({ body, db }) => {
      const user = userName(body, 'createUser');
      if (body.roles === undefined) throw authErrors.missingField('createUser', 'roles');
      const pwd = password(body.pwd);
      const roles = parseRoles(body.roles, db);
      checkMechanisms(body.mechanisms);
      if (auth.users.get(db, user)) throw authErrors.userExists(user, db);
      auth.users.create(db, user, pwd, roles, body.customData as Document | undefined);
      return { ok: 1 };
    },
  };
}
