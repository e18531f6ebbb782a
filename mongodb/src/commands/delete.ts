// delete: https://www.mongodb.com/docs/manual/reference/command/delete/ (limit 0 = all, 1 = one).
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { toCommandError } from '../errors.ts';
import { checkStatementFields, runDelete, validateDeleteStatement } from '../query/write.ts';
import { collName, letVars, optBool, requireArray, view, writeErrorFrom, type WriteErrorEntry } from './util.ts';

export const deleteCommand: CommandSpec = {
  name: 'delete',
  run(inv) {
    const coll = collName(inv);
    const stmts = requireArray(inv, 'deletes');
    checkStatementFields(stmts, 'delete');
    const ordered = optBool(inv, 'ordered') ?? true;
    const env = { variables: letVars(inv) };
    const v = view(inv);
    let n = 0;
    const writeErrors: WriteErrorEntry[] = [];
    for (let i = 0; i < stmts.length; i++) {
      try {
        n += runDelete(v, inv.db, coll, validateDeleteStatement(stmts[i] as Document), env).length;
      } catch (e) {
        const err = toCommandError(e);
        if (inv.txn) throw err;
        writeErrors.push(writeErrorFrom(i, err));
        if (ordered) break;
      }
    }
    return writeErrors.length ? { n, writeErrors } : { n };
  },
};
