// find: https://www.mongodb.com/docs/manual/reference/command/find/
import type { CommandSpec } from '../core.ts';
import { firstBatch } from '../cursors/cursors.ts';
import { runFind } from '../query/find.ts';
import { parseCollation } from '../query/collation.ts';
import { errors } from '../errors.ts';
import { collName, letVars, optBool, optDoc, optNonNegative, optNumber, view } from './util.ts';

export const find: CommandSpec = {
  name: 'find',
  run(inv) {
    const coll = collName(inv);
    const filter = optDoc(inv, 'filter');
    const projection = optDoc(inv, 'projection');
    const sort = optDoc(inv, 'sort');
    const skip = optNonNegative(inv, 'skip');
    let limit = optNumber(inv, 'limit');
    const batchSize = optNonNegative(inv, 'batchSize');
    let singleBatch = optBool(inv, 'singleBatch') ?? false;
    if (limit !== undefined && limit < 0) {
      limit = -limit;
      singleBatch = true;
    }
    if (inv.body.tailable) throw errors.badValue('error processing query: tailable cursor requested on non capped collection');
    const out = runFind(view(inv), inv.db, coll, { filter, projection, sort, skip, limit, hint: inv.body.hint, env: { variables: letVars(inv), collation: parseCollation(inv.body.collation) } });
    return firstBatch(inv.core.cursors, `${inv.db}.${coll}`, out.docs, batchSize, singleBatch, inv.session?.key);
  },
};
