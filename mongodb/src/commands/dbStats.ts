// dbStats (driver: db.stats()): counts and approximate sizes of one database.
// https://www.mongodb.com/docs/manual/reference/command/dbStats/
import { BSON } from 'bson';
import type { CommandSpec } from '../core.ts';

export const dbStats: CommandSpec = {
  name: 'dbStats',
  aliases: ['dbstats'],
  run(inv) {
    const scale = Number(inv.body.scale ?? 1) || 1;
    const d = inv.core.storage.dbs.get(inv.db);
    let objects = 0, dataSize = 0, indexes = 0;
    for (const c of d?.listCollections() ?? []) {
      indexes += c.indexes.size;
      for (const [, doc] of c.current()) {
        objects++;
        dataSize += BSON.calculateObjectSize(doc);
      }
    }
    // Index entries are estimated at 16 bytes per document per index (no on-disk format here).
    const indexSize = objects * indexes * 16;
    return {
      db: inv.db,
      collections: d?.collections.size ?? 0,
      views: d?.views.size ?? 0,
      objects,
      avgObjSize: objects ? dataSize / objects : 0,
      dataSize: dataSize / scale,
      storageSize: dataSize / scale,
      indexes,
      indexSize: indexSize / scale,
      totalSize: (dataSize + indexSize) / scale,
      scaleFactor: scale,
    };
  },
};
