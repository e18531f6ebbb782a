// Built-in roles reduced to five privilege classes per database.
// https://www.mongodb.com/docs/manual/reference/built-in-roles/
import type { Document } from 'bson';
import { authErrors } from './errors.ts';

/** read: queries and cursors; write: data and collection changes; dbAdmin: collMod, dropDatabase,…;
 *  userAdmin: user management; cluster: server-wide commands on admin. */
export type Action = 'read' | 'write' | 'dbAdmin' | 'userAdmin' | 'cluster';

export interface RoleRef {
  role: string;
  db: string;
}

interface RoleDef {
  actions: Action[];
  /** Grants on every database rather than the role's own. */
  anyDatabase?: boolean;
  /** Only defined in the admin database, as on the real server. */
  adminOnly?: boolean;
}

const ROLES: Record<string, RoleDef> = {
  read: { actions: ['read'] },
  readWrite: { actions: ['read', 'write'] },
  dbAdmin: { actions: ['dbAdmin'] },
  userAdmin: { actions: ['userAdmin'] },
  dbOwner: { actions: ['read', 'write', 'dbAdmin', 'userAdmin'] },
  readAnyDatabase: { actions: ['read'], anyDatabase: true, adminOnly: true },
  readWriteAnyDatabase: { actions: ['read', 'write'], anyDatabase: true, adminOnly: true },
  dbAdminAnyDatabase: { actions: ['dbAdmin'], anyDatabase: true, adminOnly: true },
  userAdminAnyDatabase: { actions: ['userAdmin'], anyDatabase: true, adminOnly: true },
  root: { actions: ['read', 'write', 'dbAdmin', 'userAdmin', 'cluster'], anyDatabase: true, adminOnly: true },
};

/** Normalizes `"readWrite"` / `{ role, db }` role specs against the user's database; throws RoleNotFound. */
export function parseRoles(specs: unknown, userDb: string): RoleRef[] {
  if (!Array.isArray(specs)) throw authErrors.badValue('roles must be an array');
  return specs.map((s) => {
    const ref: RoleRef =
      typeof s === 'string' ? { role: s, db: userDb } : { role: String((s as Document).role), db: String((s as Document).db ?? userDb) };
    const def = ROLES[ref.role];
    if (!def || (def.adminOnly && ref.db !== 'admin')) throw authErrors.roleNotFound(ref.role, ref.db);
    return ref;
  });
}

/** Does any of `roles` grant `action` on database `db`?  db '*' asks for a grant on every database. */
export function grants(roles: RoleRef[], db: string, action: Action): boolean {
  return roles.some((r) => {
    const def = ROLES[r.role];
    if (!def || !def.actions.includes(action)) return false;
    return def.anyDatabase || (db !== '*' && r.db === db);
  });
}
