// create: https://www.mongodb.com/docs/manual/reference/command/create/
// Capped collections and query-operator validators are supported; views, timeseries, clustered
// collections and $jsonSchema validators are refused with the server's NotImplemented-style error.
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import { compileFilter } from '../query/mingo.ts';
import { collName, optBool, optDoc, optNumber } from './util.ts';

export const create: CommandSpec = {
  name: 'create',
  run(inv) {
    const coll = collName(inv);
    if (inv.body.viewOn !== undefined) throw errors.commandNotSupported('views are not supported by this server');
    if (inv.body.timeseries !== undefined) throw errors.commandNotSupported('time series collections are not supported by this server');
    if (inv.body.clusteredIndex !== undefined) throw errors.commandNotSupported('clustered collections are not supported by this server');
    const capped = optBool(inv, 'capped') ?? false;
    const size = optNumber(inv, 'size');
    const max = optNumber(inv, 'max');
    if (capped && (size === undefined || size <= 0)) throw errors.invalidOptions('the size field is required when creating a capped collection');
    const validator = optDoc(inv, 'validator');
    if (validator && JSON.stringify(validator).includes('$jsonSchema')) throw errors.notImplemented('$jsonSchema validators are not supported by this server');
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
