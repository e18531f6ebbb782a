// Sorting in BSON order. An array field sorts by its smallest element ascending and its largest
// descending: https://www.mongodb.com/docs/manual/reference/method/cursor.sort/#sort-consistency
import type { Document } from 'bson';
import { compareBson } from '../storage/bson-order.ts';
import { pathValues } from '../storage/index-keys.ts';
import { errors } from '../errors.ts';
import { textScores } from './text.ts';

/** [path, direction] or [field, 1, 'textScore'] for { $meta: "textScore" } (best score first). */
export type SortKey = [string, 1 | -1] | [string, 1 | -1, 'textScore'];

export function validateSort(spec: unknown): SortKey[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec !== 'object' || Array.isArray(spec)) throw errors.typeMismatch(`Expected field sortto be of type object`);
  return Object.entries(spec as Document).map(([k, v]) => {
    if (v === 1 || v === -1) return [k, v];
    if (v && typeof v === 'object' && (v as Document).$meta === 'textScore') return [k, 1, 'textScore'];
    if (v && typeof v === 'object' && '$meta' in v) throw errors.badValue(`$meta sort by '${String((v as Document).$meta)}' is not supported`);
    throw errors.badValue('$sort key ordering must be 1 (for ascending) or -1 (for descending)');
  });
}

function sortKey(doc: Document, path: string, dir: 1 | -1, collator?: Intl.Collator): unknown {
  const { values, missing, array } = pathValues(doc, path.split('.'));
  if (missing) return null;
  if (!array) return values[0];
  let best = values[0];
  for (const v of values) if (compareBson(v, best, collator) * dir < 0) best = v;
  return best;
}

/** Stable sort in BSON order; `collator` orders strings by the operation's collation. */
export function sortDocs(docs: Document[], spec: SortKey[], collator?: Intl.Collator): Document[] {
  if (spec.length === 0) return docs;
  const keyed = docs.map((d, i) => ({ d, i, k: spec.map(([p, dir, meta]) => (meta ? -(textScores.get(d) ?? 0) : sortKey(d, p, dir, collator))) }));
  keyed.sort((a, b) => {
    for (let j = 0; j < spec.length; j++) {
      const c = compareBson(a.k[j], b.k[j], collator);
      if (c) return c * spec[j][1];
    }
    return a.i - b.i;
  });
  return keyed.map((x) => x.d);
}
