// grantRolesToUser / revokeRolesFromUser: https://www.mongodb.com/docs/manual/reference/command/grantRolesToUser/
import type { CommandSpec } from '../../core.ts';
import { authErrors } from '../errors.ts';
import { parseRoles, type RoleRef } from '../roles.ts';
import type { AuthService } from '../service.ts';
import { userName } from './validate.ts';

const same = (a: RoleRef, b: RoleRef) => a.role === b.role && a.db === b.db;

function roleChange(auth: AuthService, name: 'grantRolesToUser' | 'revokeRolesFromUser'): CommandSpec {
  return {
    name,
    run: ({ body, db }) => {
      const user = userName(body, name);
      if (body.roles === undefined) throw authErrors.missingField(name, 'roles');
      const doc = auth.users.get(db, user);
      if (!doc) throw authErrors.userNotFound(user, db);
      const changes = parseRoles(body.roles, db);
      const roles =
        name === 'grantRolesToUser'
          ? [...doc.roles, ...changes.filter((r) => !doc.roles.some((x) => same(x, r)))]
          : doc.roles.filter((r) => !changes.some((x) => same(x, r)));
      auth.users.update(doc, { roles });
      return { ok: 1 };
    },
  };
}

export const grantRolesToUserCommand = (auth: AuthService) => roleChange(auth, 'grantRolesToUser');
export const revokeRolesFromUserCommand = (auth: AuthService) => roleChange(auth, 'revokeRolesFromUser');
