// findAndModify: https://www.mongodb.com/docs/manual/reference/command/findAndModify/
// Returns the document before (default) or after (`new: true`) the update, or the deleted one.
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { project } from '../query/find.ts';
import { runDelete, runUpdate, validateDeleteStatement, validateUpdateStatement } from '../query/write.ts';
import { collName, letVars, optBool, optDoc, view } from './util.ts';
import { parseCollation } from '../query/collation.ts';

export const findAndModify: CommandSpec = {
  name: 'findAndModify',
  aliases: ['findandmodify'],
  run(inv) {
    const coll = collName(inv);
    const query = optDoc(inv, 'query') ?? {};
    const sort = optDoc(inv, 'sort');
    const fields = optDoc(inv, 'fields');
    const remove = optBool(inv, 'remove') ?? false;
    const returnNew = optBool(inv, 'new') ?? false;
    const upsert = optBool(inv, 'upsert') ?? false;
    const u = inv.body.update;
    if (remove && u !== undefined) throw errors.failedToParse('Cannot specify both an update and remove=true');
    if (!remove && u === undefined) throw errors.failedToParse('Either an update or remove=true must be specified');
    if (remove && returnNew) throw errors.failedToParse("Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
    if (remove && upsert) throw errors.failedToParse('Cannot specify both upsert=true and remove=true');
    const env = { variables: letVars(inv), collation: parseCollation(inv.body.collation) };
    const v = view(inv);
    const shape = (d: Document | undefined) => (d && fields ? project([d], fields, query, env)[0] : d) ?? null;
    if (remove) {
      const [doc] = runDelete(v, inv.db, coll, validateDeleteStatement({ q: query, limit: 1, hint: inv.body.hint, sort, collation: inv.body.collation }), env);
      return { lastErrorObject: { n: doc ? 1 : 0 }, value: shape(doc) };
    }
    const stmt = { ...validateUpdateStatement({ q: query, u, upsert, hint: inv.body.hint, arrayFilters: inv.body.arrayFilters, collation: inv.body.collation }), sort };
    const r = runUpdate(v, inv.db, coll, stmt, env);
    const lastErrorObject: Document = { n: r.upsertedId !== undefined ? 1 : r.n, updatedExisting: r.n > 0 };
    if (r.upsertedId !== undefined) lastErrorObject.upserted = r.upsertedId;
    return { lastErrorObject, value: shape(returnNew ? r.after : r.before) };
  },
};
