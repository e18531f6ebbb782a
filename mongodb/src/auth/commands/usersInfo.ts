// usersInfo: https://www.mongodb.com/docs/manual/reference/command/usersInfo/
// Accepts 1 (all users of the database), "name", { user, db }, an array of those, or { forAllDBs: true }.
import type { Document } from 'bson';
import type { CommandSpec } from '../../core.ts';
import { authErrors } from '../errors.ts';
import { MECHANISM } from '../scram.ts';
import type { AuthService } from '../service.ts';
import type { UserDoc } from '../users.ts';

function selected(auth: AuthService, arg: unknown, db: string): UserDoc[] {
  if (typeof arg === 'number') return auth.users.list(db);
  if (Array.isArray(arg)) return arg.flatMap((a) => selected(auth, a, db));
  if (typeof arg === 'string') return [auth.users.get(db, arg)].filter((u): u is UserDoc => !!u);
  if (arg && typeof arg === 'object') {
    const a = arg as Document;
    if (a.forAllDBs === true) return auth.users.list();
    if (typeof a.user === 'string') return [auth.users.get(String(a.db ?? db), a.user)].filter((u): u is UserDoc => !!u);
  }
  throw authErrors.badValue('User and role names must be either strings or objects');
}

function describe(u: UserDoc, body: Document): Document {
  const out: Document = { _id: u._id, userId: u.userId, user: u.user, db: u.db, roles: u.roles, mechanisms: [MECHANISM] };
  if (u.customData && body.showCustomData !== false) out.customData = u.customData;
  if (body.showCredentials === true) out.credentials = u.credentials;
  return out;
}

export function usersInfoCommand(auth: AuthService): CommandSpec {
  return {
    name: 'usersInfo',
    run: ({ body, db }) => {
      const users = selected(auth, body.usersInfo, db).sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      return { users: users.map((u) => describe(u, body)), ok: 1 };
    },
  };
}
