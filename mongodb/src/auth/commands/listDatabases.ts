// listDatabases under access control: a user without a cluster-wide privilege sees only the
// databases its roles grant something on (authorizedDatabases defaults to that behaviour).
// https://www.mongodb.com/docs/manual/reference/command/listDatabases/#behavior
// Wraps the core command rather than replacing it.
import type { Document } from 'bson';
import type { CommandSpec } from '../../core.ts';
import { authErrors } from '../errors.ts';
import { renderDocument } from '../render.ts';
import { grants, type Action } from '../roles.ts';
import type { AuthService } from '../service.ts';

const ANY: Action[] = ['read', 'write', 'dbAdmin', 'userAdmin'];

export function authorizedListDatabases(auth: AuthService, core: CommandSpec): CommandSpec {
  return {
    ...core,
    async run(inv) {
      const user = auth.enabled ? auth.principal(inv.conn) : undefined;
      if (!user || grants(user.roles, '*', 'read')) return core.run(inv);
      if (inv.body.authorizedDatabases === false) throw authErrors.notAuthorized(inv.db, renderDocument(inv.body));
      const reply = await core.run(inv);
      const visible = ((reply.databases ?? []) as Document[]).filter((d) => ANY.some((a) => grants(user.roles, String(d.name), a)));
      const out: Document = { ...reply, databases: visible };
      if (reply.totalSize !== undefined) out.totalSize = visible.reduce((n, d) => n + Number(d.sizeOnDisk ?? 0), 0);
      return out;
    },
  };
}
