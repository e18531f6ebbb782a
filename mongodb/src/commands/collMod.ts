// collMod: change a collection's validator / validation settings or an index's TTL or hidden flag.
// https://www.mongodb.com/docs/manual/reference/command/collMod/
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { compileFilter } from '../query/mingo.ts';
import { collName, optDoc } from './util.ts';

export const collMod: CommandSpec = {
  name: 'collMod',
  run(inv) {
    const coll = collName(inv);
    const c = inv.core.storage.collection(inv.db, coll);
    if (!c) throw errors.namespaceNotFound(`ns does not exist: ${inv.db}.${coll}`);
    const validator = optDoc(inv, 'validator');
    if (validator) compileFilter(validator);
    c.setValidation(validator, inv.body.validationLevel as string | undefined, inv.body.validationAction as string | undefined);
    const index = optDoc(inv, 'index');
    const reply: Document = {};
    if (index) {
      const ix = [...c.indexes.values()].find((i) => i.spec.name === index.name || JSON.stringify(i.spec.key) === JSON.stringify(index.keyPattern));
      if (!ix) throw errors.indexNotFound(`cannot find index ${JSON.stringify(index.name ?? index.keyPattern)} for ns ${c.ns}`);
      if (index.expireAfterSeconds !== undefined) {
        reply.expireAfterSeconds_old = ix.spec.expireAfterSeconds;
        ix.spec.expireAfterSeconds = Number(index.expireAfterSeconds);
        reply.expireAfterSeconds_new = ix.spec.expireAfterSeconds;
      }
      if (index.hidden !== undefined) ix.spec.hidden = !!index.hidden;
    }
    return reply;
  },
};
