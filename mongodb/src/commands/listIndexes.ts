// listIndexes: https://www.mongodb.com/docs/manual/reference/command/listIndexes/
import type { CommandSpec } from '../core.ts';
import { firstBatch } from '../cursors/cursors.ts';
import { errors } from '../errors.ts';
import { collName, optDoc, optNonNegative } from './util.ts';

export const listIndexes: CommandSpec = {
  name: 'listIndexes',
  run(inv) {
    const coll = collName(inv);
    const c = inv.core.storage.collection(inv.db, coll);
    if (!c) throw errors.namespaceNotFound(`ns does not exist: ${inv.db}.${coll}`);
    const cursorOpt = optDoc(inv, 'cursor');
    const batchSize = cursorOpt ? optNonNegative({ ...inv, body: cursorOpt }, 'batchSize') : undefined;
    // _id_ is unique by definition; mongod does not list the flag for it.
    const docs = [...c.indexes.values()].map(({ spec }) => (spec.name === '_id_' ? { v: spec.v, key: spec.key, name: spec.name } : { ...spec }));
    return firstBatch(inv.core.cursors, `${inv.db}.$cmd.listIndexes.${coll}`, docs, batchSize);
  },
};
