// dropDatabase: https://www.mongodb.com/docs/manual/reference/command/dropDatabase/
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';

export const dropDatabase: CommandSpec = {
  name: 'dropDatabase',
  run(inv) {
    if (inv.txn) throw errors.operationNotSupportedInTransaction('Cannot run dropDatabase in a multi-document transaction.');
    const d = inv.core.storage.dbs.get(inv.db);
    if (!d) return {};
    for (const coll of [...d.collections.keys()]) {
      inv.core.storage.dropCollection(inv.db, coll);
      inv.core.events.emit({ operationType: 'drop', ns: { db: inv.db, coll }, clusterTime: inv.core.clock.tick() });
    }
    inv.core.storage.dropDatabase(inv.db);
    inv.core.events.emit({ operationType: 'dropDatabase', ns: { db: inv.db }, clusterTime: inv.core.clock.tick() });
    return { dropped: inv.db };
  },
};
