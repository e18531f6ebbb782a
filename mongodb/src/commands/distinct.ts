// distinct: https://www.mongodb.com/docs/manual/reference/command/distinct/
// Array values contribute their elements; results are unique under BSON equality.
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { runFind } from '../query/find.ts';
import { collatorFor, parseCollation } from '../query/collation.ts';
import { compareBson, keyString } from '../storage/bson-order.ts';
import { pathValues } from '../storage/index-keys.ts';
import { collName, optDoc, view } from './util.ts';

export const distinct: CommandSpec = {
  name: 'distinct',
  run(inv) {
    const coll = collName(inv);
    const key = inv.body.key;
    if (typeof key !== 'string') throw errors.typeMismatch(`BSON field 'distinct.key' is the wrong type, expected type 'string'`);
    const query = optDoc(inv, 'query');
    const collation = parseCollation(inv.body.collation);
    const { docs } = runFind(view(inv), inv.db, coll, { filter: query, hint: inv.body.hint, env: { collation } });
    const seen = new Map<string, unknown>();
    for (const d of docs) {
      const { values, missing } = pathValues(d, key.split('.'));
      if (missing) continue;
      for (const v of values) if (v !== undefined && !seen.has(keyString(v))) seen.set(keyString(v), v);
    }
    if (!collation) return { values: [...seen.values()] };
    // Values equal under the collation ("a", "A" at strength 2) are one distinct value.
    const collator = collatorFor(collation);
    const values: unknown[] = [];
    for (const v of seen.values()) if (!values.some((x) => compareBson(x, v, collator) === 0)) values.push(v);
    return { values };
  },
};
