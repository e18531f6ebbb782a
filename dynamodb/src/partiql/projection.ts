// SELECT lists name their results as PartiQL does: each path becomes one attribute named after
// its last step (`SELECT info.rating` gives `rating`), or `_n` (its 1-based position in the
// list) when the path ends in a list index. Two columns of one name are refused
// ("Duplicate identifiers in select clause"). https://partiql.org/tutorial.html
// A path that does not resolve on an item is left out of that item's result.

import { getPath, type PathElement } from '../expressions/paths.ts';
import type { Item } from '../types.ts';
import { duplicateProjection } from './errors.ts';

export interface Column {
  path: PathElement[];
  name: string;
}

/** The column for the `position`-th (1-based) path of a SELECT list. */
export function column(path: PathElement[], position: number): Column {
  const last = path[path.length - 1]!;
  return { path, name: typeof last === 'string' ? last : `_${position}` };
}

export function checkColumns(columns: Column[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw duplicateProjection(c.name);
    seen.add(c.name);
  }
}

export function projectColumns(columns: Column[], item: Item): Item {
  const out: Item = {};
  for (const c of columns) {
    const v = getPath(item, c.path);
    if (v !== undefined) out[c.name] = structuredClone(v);
  }
  return out;
}
