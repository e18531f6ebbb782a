// create: https://www.mongodb.com/docs/manual/reference/command/create/
// Capped collections, read-only views and validators (query operators and $jsonSchema) are
// supported; timeseries and clustered collections are refused.
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { compileFilter } from '../query/mingo.ts';
import { collName, optBool, optDoc, optNumber } from './util.ts';
import type { CommandInvocation } from '../core.ts';
import { validatePipeline } from '../query/pipeline.ts';
import { parseCollation } from '../query/collation.ts';

function createView(inv: CommandInvocation, name: string) {
  const viewOn = inv.body.viewOn;
  if (typeof viewOn !== 'string' || viewOn === '') throw errors.typeMismatch("BSON field 'create.viewOn' is the wrong type, expected type 'string'");
  const pipeline = validatePipeline(inv.body.pipeline ?? []);
  if (pipeline.some((s) => '$out' in s || '$merge' in s)) throw errors.optionNotSupportedOnView('$out and $merge cannot be used in a view definition');
  const storage = inv.core.storage;
  if (storage.collection(inv.db, name) || storage.view(inv.db, name)) throw errors.namespaceExists(`Namespace ${inv.db}.${name} already exists`);
  storage.db(inv.db).views.set(name, { viewOn, pipeline });
  return {};
}

export const create: CommandSpec = {
  name: 'create',
  run(inv) {
    const coll = collName(inv);
    // A default collation would have to apply to every later operation and index; only
    // per-operation collations are supported (query/collation.ts).
    if (parseCollation(inv.body.collation)) throw errors.notImplemented('collection and view default collations are not supported by this server');
    if (inv.body.viewOn !== undefined) return createView(inv, coll);
    if (inv.body.timeseries !== undefined) throw errors.commandNotSupported('time series collections are not supported by this server');
    if (inv.body.clusteredIndex !== undefined) throw errors.commandNotSupported('clustered collections are not supported by this server');
    const capped = optBool(inv, 'capped') ?? false;
    const size = optNumber(inv, 'size');
    const max = optNumber(inv, 'max');
    if (capped && (size === undefined || size <= 0)) throw errors.invalidOptions('the size field is required when creating a capped collection');
    const validator = optDoc(inv, 'validator');
    if (validator) compileFilter(validator);
    const existing = inv.core.storage.collection(inv.db, coll);
    if (existing) {
      throw errors.namespaceExists(`Collection ${inv.db}.${coll} already exists.`);
    }
    inv.core.storage.createCollection(inv.db, coll, {
      ...(capped ? { capped, size, ...(max ? { max } : {}) } : {}),
      ...(validator ? { validator, validationLevel: String(inv.body.validationLevel ?? 'strict'), validationAction: String(inv.body.validationAction ?? 'error') } : {}),
    });
    return {};
  },
};
