// renameCollection: https://www.mongodb.com/docs/manual/reference/command/renameCollection/
// Runs on admin with full namespaces { renameCollection: "db.a", to: "db.b", dropTarget }.
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { validateCollectionName } from '../storage/storage.ts';

function split(ns: unknown): { db: string; coll: string } {
  if (typeof ns !== 'string' || !ns.includes('.')) throw errors.invalidNamespace(`Invalid namespace specified '${String(ns)}'`);
  const i = ns.indexOf('.');
  const out = { db: ns.slice(0, i), coll: ns.slice(i + 1) };
  validateCollectionName(out.db, out.coll);
  return out;
}

export const renameCollection: CommandSpec = {
  name: 'renameCollection',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('renameCollection may only be run against the admin database.');
    const from = split(inv.body.renameCollection);
    const to = split(inv.body.to);
    const storage = inv.core.storage;
    const src = storage.collection(from.db, from.coll);
    if (!src) throw errors.namespaceNotFound('Source collection ' + `${from.db}.${from.coll}` + ' does not exist');
    if (from.db === to.db && from.coll === to.coll) throw errors.illegalOperation("Can't rename a collection to itself");
    if (storage.collection(to.db, to.coll)) {
      if (!inv.body.dropTarget) throw errors.namespaceExists('target namespace exists');
      storage.dropCollection(to.db, to.coll);
    }
    storage.dropCollection(from.db, from.coll);
    const dest = storage.createCollection(to.db, to.coll, src.options);
    for (const ix of src.indexes.values()) if (ix.spec.name !== '_id_') dest.createIndex(ix.spec);
    const ts = storage.tick();
    for (const [, d] of src.current()) dest.insert(d, ts);
    inv.core.events.emit({ operationType: 'rename', ns: from, to, clusterTime: inv.core.clock.tick() });
    return {};
  },
};
