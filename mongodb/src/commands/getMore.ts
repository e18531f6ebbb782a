// getMore: https://www.mongodb.com/docs/manual/reference/command/getMore/
import { Long } from 'bson';
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { optNonNegative } from './util.ts';

export const getMore: CommandSpec = {
  name: 'getMore',
  async run(inv) {
    const raw = inv.body.getMore;
    if (typeof raw !== 'number' && !(raw instanceof Long)) {
      throw errors.typeMismatch(`BSON field 'getMore.getMore' is the wrong type '${typeof raw}', expected type 'long'`);
    }
    const coll = inv.body.collection;
    if (typeof coll !== 'string') throw errors.typeMismatch(`BSON field 'getMore.collection' is the wrong type, expected type 'string'`);
    const cursor = inv.core.cursors.get(raw);
    if (!cursor) throw errors.cursorNotFound(`cursor id ${String(raw)} not found`);
    if (cursor.ns !== `${inv.db}.${coll}` && !cursor.ns.startsWith(`${inv.db}.$cmd`)) {
      throw errors.unauthorized(`Requested getMore on namespace '${inv.db}.${coll}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const batchSize = optNonNegative(inv, 'batchSize') ?? 0;
    const awaitMs = optNonNegative(inv, 'maxTimeMS') ?? 1000;
    const batch = await cursor.source.next(batchSize, awaitMs);
    let id = cursor.id;
    if (batch.exhausted) {
      inv.core.cursors.close(cursor.id);
      id = Long.ZERO;
    }
    return { cursor: { nextBatch: batch.docs, id, ns: cursor.ns, ...batch.extra } };
  },
};
