// $out and $merge: write an aggregation's results into a collection.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/out/
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/merge/
import type { Document } from 'bson';
import type { DataView } from '../sessions/view.ts';
import { keyString } from '../storage/bson-order.ts';
import { pathValues } from '../storage/index-keys.ts';
import { ensureId } from './update.ts';
import { runPipeline } from './pipeline.ts';
import { errors } from '../errors.ts';
import { Storage } from '../storage/storage.ts';

function target(spec: unknown, db: string, stage: string): { db: string; coll: string } {
  if (typeof spec === 'string') return { db, coll: spec };
  if (spec && typeof spec === 'object') {
    const s = spec as Document;
    if (typeof s.coll === 'string') return { db: typeof s.db === 'string' ? s.db : db, coll: s.coll };
  }
  throw errors.location(stage === '$out' ? 16990 : 51178, `${stage} target must be a collection name or { db, coll }`);
}

/** $out: atomically replaces the target's documents (its indexes are kept). */
export function runOut(v: DataView, db: string, spec: unknown, results: Document[]): void {
  const t = target(spec, db, '$out');
  const storage = v.core.storage;
  const old = storage.collection(t.db, t.coll);
  const specs = old ? [...old.indexes.values()].map((ix) => ix.spec).filter((s) => s.name !== '_id_') : [];
  const fresh = new Storage();
  const staged = fresh.createCollection(t.db, t.coll, old?.options ?? {});
  for (const s of specs) staged.createIndex(s);
  for (const d of results) staged.insert(ensureId(d), 0);
  // Only swap once every document was accepted, so a failed $out leaves the target intact.
  storage.dropCollection(t.db, t.coll);
  const c = storage.createCollection(t.db, t.coll, old?.options ?? {});
  for (const s of specs) c.createIndex(s);
  for (const [, d] of staged.current()) v.insert(t.db, t.coll, d);
}

export function runMerge(v: DataView, db: string, spec: unknown, results: Document[]): void {
  const s: Document = typeof spec === 'string' || (spec && typeof spec === 'object' && !('into' in (spec as Document))) ? { into: spec } : (spec as Document);
  const t = target(s.into, db, '$merge');
  const on: string[] = s.on === undefined ? ['_id'] : Array.isArray(s.on) ? s.on : [s.on];
  const whenMatched = s.whenMatched ?? 'merge';
  const whenNotMatched = s.whenNotMatched ?? 'insert';
  const c = v.core.storage.createCollection(t.db, t.coll, {}, true);
  if (!(on.length === 1 && on[0] === '_id')) {
    const ok = [...c.indexes.values()].some((ix) => ix.spec.unique && ix.fields.length === on.length && on.every((f) => ix.fields.includes(f)));
    if (!ok) throw errors.location(51183, 'Cannot find index to verify that join fields will be unique');
  }
  for (const raw of results) {
    const doc = on.includes('_id') ? ensureId(raw) : raw;
    const key = on.map((f) => pathValues(doc, f.split('.')).values[0]);
    const filter: Document = {};
    on.forEach((f, i) => (filter[f] = key[i]));
    const [match] = v.scan(t.db, t.coll, filter, { limit: 1 }).docs;
    if (!match) {
      if (whenNotMatched === 'insert') v.insert(t.db, t.coll, doc._id === undefined ? ensureId(doc) : doc);
      else if (whenNotMatched === 'fail') throw errors.location(13113, `$merge could not find a matching document in the target collection for at least one document in the source collection`);
      continue;
    }
    const [id, existing] = match;
    let next: Document | undefined;
    if (whenMatched === 'replace') next = { ...doc, _id: existing._id };
    else if (whenMatched === 'merge') next = { ...existing, ...doc, _id: existing._id };
    else if (whenMatched === 'keepExisting') continue;
    else if (whenMatched === 'fail') throw c.indexes.get('_id_')!.duplicate([existing._id]);
    else if (Array.isArray(whenMatched)) {
      const vars = { ...(s.let ?? {}), new: doc };
      next = { ...runPipeline(v, t.db, [existing], whenMatched, { variables: vars })[0], _id: existing._id };
    } else throw errors.badValue(`Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`);
    v.replace(t.db, t.coll, id ?? keyString(existing._id), existing, next, 'replace');
  }
}
