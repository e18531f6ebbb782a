// drop: https://www.mongodb.com/docs/manual/reference/command/drop/
// Dropping a missing collection succeeds since MongoDB 7.0 (no NamespaceNotFound).
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { collName } from './util.ts';

export const drop: CommandSpec = {
  name: 'drop',
  run(inv) {
    if (inv.txn) throw errors.operationNotSupportedInTransaction('Cannot run drop in a multi-document transaction.');
    const coll = collName(inv);
    const c = inv.core.storage.collection(inv.db, coll);
    const nIndexesWas = c?.indexes.size;
    if (inv.core.storage.dropCollection(inv.db, coll)) {
      inv.core.events.emit({ operationType: 'drop', ns: { db: inv.db, coll }, clusterTime: inv.core.clock.tick() });
    }
    return nIndexesWas === undefined ? {} : { nIndexesWas, ns: `${inv.db}.${coll}` };
  },
};
