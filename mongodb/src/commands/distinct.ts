// distinct: https://www.mongodb.com/docs/manual/reference/command/distinct/
// Array values contribute their elements; results are unique under BSON equality.
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { runFind } from '../query/find.ts';
import { assertSimpleCollation } from '../query/mingo.ts';
import { keyString } from '../storage/bson-order.ts';
import { pathValues } from '../storage/index-keys.ts';
import { collName, optDoc, view } from './util.ts';

export const distinct: CommandSpec = {
  name: 'distinct',
  run(inv) {
    const coll = collName(inv);
    const key = inv.body.key;
    if (typeof key !== 'string') throw errors.typeMismatch(`BSON field 'distinct.key' is the wrong type, expected type 'string'`);
    const query = optDoc(inv, 'query');
    assertSimpleCollation(inv.body.collation);
    const { docs } = runFind(view(inv), inv.db, coll, { filter: query, hint: inv.body.hint });
    const seen = new Map<string, unknown>();
    for (const d of docs) {
      const { values, missing } = pathValues(d, key.split('.'));
      if (missing) continue;
      for (const v of values) if (v !== undefined && !seen.has(keyString(v))) seen.set(keyString(v), v);
    }
    return { values: [...seen.values()] };
  },
};
