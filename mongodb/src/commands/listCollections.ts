// listCollections: https://www.mongodb.com/docs/manual/reference/command/listCollections/
import type { Document } from 'bson';
import { Binary } from 'bson';
import { compileFilter } from '../query/mingo.ts';
import type { CommandSpec } from '../core.ts';
import { firstBatch } from '../cursors/cursors.ts';
import { optBool, optDoc, optNonNegative } from './util.ts';

export const listCollections: CommandSpec = {
  name: 'listCollections',
  run(inv) {
    const filter = optDoc(inv, 'filter');
    const nameOnly = optBool(inv, 'nameOnly') ?? false;
    const cursorOpt = optDoc(inv, 'cursor');
    const db = inv.core.storage.dbs.get(inv.db);
    let docs: Document[] = (db?.listCollections() ?? []).map((c) =>
      nameOnly
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: { ...c.options },
            info: { readOnly: false, uuid: new Binary(Buffer.from(c.uuid.replace(/-/g, ''), 'hex'), 4) },
            idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
          },
    );
    for (const [name, def] of db?.views ?? []) {
      docs.push(nameOnly ? { name, type: 'view' } : { name, type: 'view', options: { viewOn: def.viewOn, pipeline: def.pipeline }, info: { readOnly: true } });
    }
    if (filter) {
      const q = compileFilter(filter);
      docs = docs.filter((d) => q.test(d));
    }
    const batchSize = cursorOpt ? optNonNegative({ ...inv, body: cursorOpt }, 'batchSize') : undefined;
    return firstBatch(inv.core.cursors, `${inv.db}.$cmd.listCollections`, docs, batchSize);
  },
};
