// createIndexes: https://www.mongodb.com/docs/manual/reference/command/createIndexes/
// Ascending/descending (compound, unique, sparse, partial, TTL) indexes; other index types are
// refused. Building a unique index over duplicates fails with E11000 like the server.
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';
import type { IndexSpec } from '../storage/index-store.ts';
import { compileFilter } from '../query/mingo.ts';
import { collName, isPlainObject, requireArray } from './util.ts';

const OPTIONS = ['weights', 'default_language', 'language_override', 'textIndexVersion', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'hidden', 'collation', 'background', 'name', 'key', 'v', 'ns'];

function validateSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw errors.typeMismatch("BSON field 'createIndexes.indexes' must hold objects");
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) throw errors.cannotCreateIndex('Index keys cannot be empty.');
  for (const [f, v] of Object.entries(key)) {
    // Hashed indexes serve equality only; we keep their keys ordered like any other index.
    if (v === 'hashed' || v === 'text') continue;
    if (v !== 1 && v !== -1 && !(typeof v === 'number' && v !== 0)) {
      throw errors.cannotCreateIndex(`Error in specification { key: ${JSON.stringify(key)} } :: caused by :: Values in the index key pattern can only be numbers or 'text', '2d', '2dsphere', 'hashed' (field ${f}); this server supports ascending, descending and hashed keys`);
    }
  }
  if (Object.values(key).filter((v) => v === 'hashed').length > 1) throw errors.cannotCreateIndex('A maximum of one index field is allowed to be hashed');
  if (raw.unique && Object.values(key).includes('hashed')) throw errors.cannotCreateIndex('Currently hashed indexes cannot guarantee uniqueness. Use a regular index.');
  if (typeof raw.name !== 'string' || raw.name === '') throw errors.cannotCreateIndex("Error in specification: the index name must be a non-empty string");
  for (const k of Object.keys(raw)) {
    if (!OPTIONS.includes(k)) throw errors.invalidOptions(`Error in specification { key: ${JSON.stringify(key)}, name: "${raw.name}" } :: caused by :: The field '${k}' is not valid for an index specification.`);
  }
  if (raw.collation !== undefined && (raw.collation as Document).locale !== 'simple') throw errors.notImplemented('index collations are not supported by this server');
  if (raw.partialFilterExpression !== undefined) compileFilter(raw.partialFilterExpression as Document);
  if (raw.expireAfterSeconds !== undefined && (typeof raw.expireAfterSeconds !== 'number' || raw.expireAfterSeconds < 0)) {
    throw errors.cannotCreateIndex('TTL index \'expireAfterSeconds\' option must be a non-negative number');
  }
  if (Object.values(key).includes('text')) return textSpec(raw, key);
  const spec: IndexSpec = { v: 2, key: { ...key }, name: raw.name };
  for (const k of ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'hidden'] as const) if (raw[k] !== undefined && raw[k] !== false) spec[k] = raw[k] as never;
  return spec;
}

/** Text indexes are stored the way mongod lists them: key { _fts: "text", _ftsx: 1 } plus weights. */
function textSpec(raw: Document, key: Document): IndexSpec {
  const weights: Record<string, number> = {};
  for (const [f, v] of Object.entries(key)) if (v === 'text') weights[f] = 1;
  for (const [f, w] of Object.entries((raw.weights as Document) ?? {})) weights[f] = Number(w);
  return {
    v: 2,
    key: { _fts: 'text', _ftsx: 1 },
    name: raw.name as string,
    weights,
    default_language: (raw.default_language as string) ?? 'english',
    language_override: (raw.language_override as string) ?? 'language',
    textIndexVersion: 3,
  };
}

const sameOptions = (a: IndexSpec, b: IndexSpec) =>
  !!a.unique === !!b.unique && !!a.sparse === !!b.sparse && JSON.stringify(a.partialFilterExpression) === JSON.stringify(b.partialFilterExpression) && a.expireAfterSeconds === b.expireAfterSeconds;

export const createIndexes: CommandSpec = {
  name: 'createIndexes',
  run(inv) {
    const coll = collName(inv);
    const specs = requireArray(inv, 'indexes').map(validateSpec);
    if (specs.length === 0) throw errors.badValue('Must specify at least one index to create');
    const storage = inv.core.storage;
    if (storage.view(inv.db, coll)) throw errors.commandNotSupportedOnView(`Namespace ${inv.db}.${coll} is a view, not a collection`);
    const existed = !!storage.collection(inv.db, coll);
    const c = storage.createCollection(inv.db, coll, {}, true);
    const before = c.indexes.size;
    let note: string | undefined;
    for (const spec of specs) {
      const sameName = c.indexes.get(spec.name);
      const sameKey = [...c.indexes.values()].find((ix) => JSON.stringify(ix.spec.key) === JSON.stringify(spec.key) && sameOptions(ix.spec, spec));
      if (sameName) {
        if (JSON.stringify(sameName.spec.key) !== JSON.stringify(spec.key)) {
          throw errors.indexKeySpecsConflict(`An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
        }
        if (!sameOptions(sameName.spec, spec)) throw errors.indexOptionsConflict(`An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
        note = 'all indexes already exist';
        continue;
      }
      if (sameKey && !spec.weights) throw errors.indexOptionsConflict(`Index already exists with a different name: ${sameKey.spec.name}`);
      const otherText = [...c.indexes.values()].find((ix) => ix.spec.weights);
      if (spec.weights && otherText) throw errors.indexOptionsConflict(`An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(otherText.spec)}`);
      c.createIndex(spec);
      inv.core.events.emit({ operationType: 'createIndexes', ns: { db: inv.db, coll }, clusterTime: inv.core.clock.tick() });
    }
    const reply: Document = { numIndexesBefore: before, numIndexesAfter: c.indexes.size, createdCollectionAutomatically: !existed };
    if (note && before === c.indexes.size) reply.note = note;
    return reply;
  },
};
