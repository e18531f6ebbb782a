// count: https://www.mongodb.com/docs/manual/reference/command/count/
// Without a query it answers from collection metadata, like the server's fast count.
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { runFind } from '../query/find.ts';
import { parseCollation } from '../query/collation.ts';
import { collName, optDoc, optNonNegative, optNumber, view } from './util.ts';

export const count: CommandSpec = {
  name: 'count',
  run(inv) {
    if (inv.txn) throw errors.operationNotSupportedInTransaction("Cannot run 'count' in a multi-document transaction. Please see https://dochub.mongodb.org/core/transaction-count for a recommended alternative.");
    const coll = collName(inv);
    const query = optDoc(inv, 'query');
    const skip = optNonNegative(inv, 'skip') ?? 0;
    const limit = Math.abs(optNumber(inv, 'limit') ?? 0);
    const collation = parseCollation(inv.body.collation);
    const v = view(inv);
    if ((!query || Object.keys(query).length === 0) && inv.body.hint === undefined && !collation) {
      const total = Math.max(0, v.count(inv.db, coll) - skip);
      return { n: limit > 0 ? Math.min(limit, total) : total };
    }
    return { n: runFind(v, inv.db, coll, { filter: query, skip, limit, hint: inv.body.hint, env: { collation } }).docs.length };
  },
};
