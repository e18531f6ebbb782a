// listDatabases: https://www.mongodb.com/docs/manual/reference/command/listDatabases/
import type { Document } from 'bson';
import { compileFilter } from '../query/mingo.ts';
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { optBool, optDoc } from './util.ts';

export const listDatabases: CommandSpec = {
  name: 'listDatabases',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('listDatabases may only be run against the admin database.');
    const filter = optDoc(inv, 'filter');
    const nameOnly = optBool(inv, 'nameOnly') ?? false;
    let dbs: Document[] = inv.core.storage.listDatabases().map((d) => {
      let size = 0;
      for (const c of d.collections.values()) size += c.count * 64;
      return nameOnly ? { name: d.name } : { name: d.name, sizeOnDisk: Math.max(size, 4096), empty: size === 0 };
    });
    if (filter) {
      const q = compileFilter(filter);
      dbs = dbs.filter((d) => q.test(d));
    }
    if (nameOnly) return { databases: dbs };
    return { databases: dbs, totalSize: dbs.reduce((a, d) => a + (d.sizeOnDisk as number), 0), totalSizeMb: 0 };
  },
};
