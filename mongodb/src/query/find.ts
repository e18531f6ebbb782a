// The find pipeline shared by find, count, explain and findAndModify:
// plan → filter → sort → skip → limit → projection.
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { DataView } from '../sessions/view.ts';
import { assertNoScript, mingoOptions, type QueryEnv } from './mingo.ts';
import { sortDocs, validateSort } from './sort.ts';
import type { Plan } from '../storage/planner.ts';
import { errors } from '../errors.ts';
import { extractText, textScores } from './text.ts';
import { collatorFor } from './collation.ts';

export interface FindSpec {
  filter?: Document;
  sort?: unknown;
  skip?: number;
  limit?: number;
  projection?: Document;
  hint?: unknown;
  env?: QueryEnv;
}

export interface FindOutput {
  docs: Document[];
  ids: string[];
  plan: Plan;
  stats: { keysExamined: number; docsExamined: number };
}

export function runFind(v: DataView, db: string, coll: string, spec: FindSpec): FindOutput {
  const sort = validateSort(spec.sort);
  const skip = spec.skip ?? 0;
  const limit = spec.limit ?? 0;
  // The scan stops early once skip + limit documents matched, if they come out in sort order.
  const early = limit > 0 ? skip + limit : undefined;
  const { docs: entries, plan, stats, sorted } = v.scan(db, coll, spec.filter, { hint: spec.hint, env: spec.env, limit: early, sort });
  let ordered = entries;
  if (sort.length && !sorted) {
    const byDoc = new Map(entries.map((e) => [e[1], e[0]]));
    ordered = sortDocs(entries.map((e) => e[1]), sort, spec.env?.collation && collatorFor(spec.env.collation)).map((d) => [byDoc.get(d)!, d]);
  }
  const page = ordered.slice(skip, limit > 0 ? skip + limit : undefined);
  let docs = page.map((e) => e[1]);
  if (spec.projection && Object.keys(spec.projection).length) docs = project(docs, spec.projection, spec.filter, spec.env);
  return { docs, ids: page.map((e) => e[0]), plan, stats };
}

export function project(docs: Document[], projection: Document, filter: Document | undefined, env?: QueryEnv): Document[] {
  assertNoScript(projection);
  // { field: { $meta: "textScore" } } adds the $text relevance; the rest is a normal projection.
  const metaFields = Object.keys(projection).filter((k) => (projection[k] as Document)?.$meta === 'textScore');
  if (metaFields.length) {
    const rest = Object.fromEntries(Object.entries(projection).filter(([k]) => !metaFields.includes(k)));
    const base = Object.keys(rest).length ? project(docs, rest, extractText(filter).rest, env) : docs.map((d) => ({ ...d }));
    return base.map((d, i) => {
      for (const f of metaFields) d[f] = textScores.get(docs[i]) ?? 0;
      return d;
    });
  }
  try {
    const specs = Object.values(projection);
    if (specs.length && specs.every((v) => v && typeof v === 'object' && Object.keys(v).length === 1 && '$slice' in v)) {
      // A projection made only of $slice keeps every other field (unlike $elemMatch).
      const sliced = new Query(extractText(filter).rest ?? {}, mingoOptions({ ...env, cloneInput: true })).find(docs, { ...projection, _id: 1 }).all() as Document[];
      return docs.map((d, i) => ({ ...d, ...sliced[i] }));
    }
    // mingo's find() also filters: the query is given only for a positional `field.$` projection,
    // so documents that no longer match (findAndModify's new document) are still projected.
    const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
    const out = new Query(positional ? extractText(filter).rest ?? {} : {}, mingoOptions({ ...env, cloneInput: true })).find(docs, projection).all() as Document[];
    return out.map((d, i) => inDocumentOrder(d, docs[i]));
  } catch (e) {
    throw errors.location(31254, e instanceof Error ? e.message : String(e));
  }
}

/**
 * mingo emits projected fields in projection order with _id last; the server keeps the stored
 * document's field order (computed fields follow). Projection never reorders documents, so
 * output i comes from input i.
 */
function inDocumentOrder(projected: Document, original: Document | undefined): Document {
  if (!original) return projected;
  const out: Document = {};
  for (const k of Object.keys(original)) if (k in projected) out[k] = projected[k];
  for (const k of Object.keys(projected)) if (!(k in out)) out[k] = projected[k];
  return out;
}
