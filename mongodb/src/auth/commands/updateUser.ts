// updateUser: replaces the password, roles and/or customData given.
// https://www.mongodb.com/docs/manual/reference/command/updateUser/
import type { Document } from 'bson';
import type { CommandSpec } from '../../core.ts';
import { authErrors } from '../errors.ts';
import { parseRoles } from '../roles.ts';
import type { AuthService } from '../service.ts';
import { checkMechanisms, password, userName } from './validate.ts';

export function updateUserCommand(auth: AuthService): CommandSpec {
  return {
    name: 'updateUser',
    run: ({ body, db }) => {
      const user = userName(body, 'updateUser');
      const doc = auth.users.get(db, user);
      if (!doc) throw authErrors.userNotFound(user, db);
      if (body.pwd === undefined && body.roles === undefined && body.customData === undefined) {
        throw authErrors.badValue('Must specify at least one field to update in updateUser');
      }
      checkMechanisms(body.mechanisms);
      auth.users.update(doc, {
        pwd: body.pwd === undefined ? undefined : password(body.pwd),
        roles: body.roles === undefined ? undefined : parseRoles(body.roles, db),
        customData: body.customData as Document | undefined,
      });
      return { ok: 1 };
    },
  };
}
