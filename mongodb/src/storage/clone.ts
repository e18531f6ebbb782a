// Deep copy that keeps BSON value classes (ObjectId, Long, Binary, ...) intact: structuredClone
// would strip their prototypes. BSON values are immutable, so sharing them is safe; Dates are not.
import type { Document } from 'bson';

export function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Document = {};
  for (const k of Object.keys(v)) out[k] = cloneValue((v as Document)[k]);
  return out as T;
}

export const cloneDoc = (d: Document): Document => cloneValue(d);
