// Index key generation: one key tuple per document, or several for a multikey index where a
// field holds an array (https://www.mongodb.com/docs/manual/core/indexes/index-types/index-multikey/).
import type { Document } from 'bson';

/** Values at a dotted path, descending through arrays the way MongoDB's key generator does. */
export function pathValues(doc: unknown, path: string[]): { values: unknown[]; missing: boolean; array: boolean } {
  let out: unknown[] = [doc];
  let array = false;
  for (const part of path) {
    const next: unknown[] = [];
    for (const v of out) {
      if (Array.isArray(v)) {
        array = true;
        if (/^\d+$/.test(part) && Number(part) < v.length) next.push(v[Number(part)]);
        else for (const el of v) if (el && typeof el === 'object' && !Array.isArray(el) && part in el) next.push((el as Document)[part]);
      } else if (v && typeof v === 'object' && part in (v as object)) {
        next.push((v as Document)[part]);
      }
    }
    out = next;
  }
  if (out.length === 0) return { values: [null], missing: true, array };
  const flat: unknown[] = [];
  for (const v of out) {
    if (Array.isArray(v)) {
      array = true;
      if (v.length === 0) flat.push(undefined);
      else flat.push(...v);
    } else flat.push(v === undefined ? null : v);
  }
  return { values: flat, missing: false, array };
}

/** All key tuples for `doc` under `fields`; `allMissing` tells sparse indexes to skip it. */
export function indexKeys(doc: Document, fields: string[]): { keys: unknown[][]; allMissing: boolean; multikey: boolean } {
  let keys: unknown[][] = [[]];
  let allMissing = true;
  let multikey = false;
  for (const f of fields) {
    const { values, missing, array } = pathValues(doc, f.split('.'));
    if (!missing) allMissing = false;
    if (array) multikey = true;
    const uniq = dedupe(values);
    const next: unknown[][] = [];
    for (const k of keys) for (const v of uniq) next.push([...k, v === undefined ? null : v]);
    keys = next;
  }
  return { keys, allMissing, multikey };
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Set<unknown>();
  return values.filter((v) => {
    const k = typeof v === 'object' && v !== null ? JSON.stringify(v) + String(v) : v;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
