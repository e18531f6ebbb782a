// update: https://www.mongodb.com/docs/manual/reference/command/update/
// Reply: n (matched + upserted), nModified, upserted [{index, _id}], writeErrors.
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { toCommandError } from '../errors.ts';
import { checkStatementFields, runUpdate, validateUpdateStatement } from '../query/write.ts';
import { collName, letVars, optBool, requireArray, view, writeErrorFrom, type WriteErrorEntry } from './util.ts';

export const update: CommandSpec = {
  name: 'update',
  run(inv) {
    const coll = collName(inv);
    const stmts = requireArray(inv, 'updates');
    checkStatementFields(stmts, 'update');
    const ordered = optBool(inv, 'ordered') ?? true;
    const env = { variables: letVars(inv) };
    const v = view(inv);
    let n = 0, nModified = 0;
    const upserted: Document[] = [];
    const writeErrors: WriteErrorEntry[] = [];
    for (let i = 0; i < stmts.length; i++) {
      try {
        const s = validateUpdateStatement(stmts[i] as Document);
        const r = runUpdate(v, inv.db, coll, s, env);
        n += r.n;
        nModified += r.nModified;
        if (r.upsertedId !== undefined) { n++; upserted.push({ index: i, _id: r.upsertedId }); }
      } catch (e) {
        const err = toCommandError(e);
        if (inv.txn) throw err;
        writeErrors.push(writeErrorFrom(i, err));
        if (ordered) break;
      }
    }
    const reply: Document = { n, nModified };
    if (upserted.length) reply.upserted = upserted;
    if (writeErrors.length) reply.writeErrors = writeErrors;
    return reply;
  },
};
