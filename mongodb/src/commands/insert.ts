// insert: https://www.mongodb.com/docs/manual/reference/command/insert/
// Per-document failures become writeErrors; ordered inserts stop at the first one.
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { errors, toCommandError } from '../errors.ts';
import { ensureId } from '../query/update.ts';
import { cloneDoc } from '../storage/clone.ts';
import { collName, isPlainObject, optBool, requireArray, view, writeErrorFrom, type WriteErrorEntry } from './util.ts';

export function validateId(id: unknown): void {
  if (Array.isArray(id)) throw errors.invalidIdField(`The '_id' value cannot be of type array`);
  if (id instanceof RegExp) throw errors.invalidIdField(`The '_id' value cannot be of type regex`);
  if (isPlainObject(id)) {
    for (const k of Object.keys(id)) {
      if (k.startsWith('$')) throw errors.dollarPrefixedFieldName(`_id fields may not contain '$'-prefixed fields: ${k} is not valid for storage.`);
    }
  }
}

export const insert: CommandSpec = {
  name: 'insert',
  run(inv) {
    const coll = collName(inv);
    const docs = requireArray(inv, 'documents');
    const ordered = optBool(inv, 'ordered') ?? true;
    const v = view(inv);
    let n = 0;
    const writeErrors: WriteErrorEntry[] = [];
    for (let i = 0; i < docs.length; i++) {
      try {
        if (!isPlainObject(docs[i])) throw errors.typeMismatch(`BSON field 'insert.documents.${i}' is the wrong type, expected type 'object'`);
        const doc = ensureId(cloneDoc(docs[i] as Document));
        validateId(doc._id);
        v.insert(inv.db, coll, doc);
        n++;
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
