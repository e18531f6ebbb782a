// dropIndexes: https://www.mongodb.com/docs/manual/reference/command/dropIndexes/
// `index` is a name, a key pattern, a list of names, or "*" (all but _id_).
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { collName, isPlainObject } from './util.ts';

export const dropIndexes: CommandSpec = {
  name: 'dropIndexes',
  aliases: ['deleteIndexes'],
  run(inv) {
    const coll = collName(inv);
    const c = inv.core.storage.collection(inv.db, coll);
    if (!c) throw errors.namespaceNotFound(`ns not found ${inv.db}.${coll}`);
    const nIndexesWas = c.indexes.size;
    const arg = inv.body.index;
    let names: string[];
    if (arg === '*') names = [...c.indexes.keys()].filter((n) => n !== '_id_');
    else if (typeof arg === 'string') names = [arg];
    else if (Array.isArray(arg)) names = arg.map(String);
    else if (isPlainObject(arg)) {
      const hit = [...c.indexes.values()].find((ix) => JSON.stringify(ix.spec.key) === JSON.stringify(arg));
      if (!hit) throw errors.indexNotFound(`can't find index with key: ${JSON.stringify(arg)}`);
      names = [hit.spec.name];
    } else throw errors.typeMismatch("BSON field 'dropIndexes.index' is the wrong type");
    for (const n of names) {
      if (n === '_id_') throw errors.invalidOptions('cannot drop _id index');
      if (!c.indexes.has(n)) throw errors.indexNotFound(`index not found with name [${n}]`);
    }
    for (const n of names) c.indexes.delete(n);
    if (names.length) inv.core.events.emit({ operationType: 'dropIndexes', ns: { db: inv.db, coll }, clusterTime: inv.core.clock.tick() });
    return { nIndexesWas };
  },
};
