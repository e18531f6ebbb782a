// updateDescription for update events, computed from the pre- and post-image when the core did not
// supply one. Mirrors what the server reports for operator updates:
// https://www.mongodb.com/docs/manual/reference/change-events/update/#description
//  - a changed or added field → updatedFields with its dotted path (nested documents are descended);
//  - a removed field → removedFields;
//  - an array that only grew → updatedFields "<path>.<index>" for the new elements ($push);
//  - an array cut down to a prefix of itself → truncatedArrays { field, newSize } ($pop, $slice);
//  - any other array change → the whole array in updatedFields.
import type { Document } from 'bson';
import { EJSON } from 'bson';

export interface UpdateDescription {
  updatedFields: Document;
  removedFields: string[];
  truncatedArrays: { field: string; newSize: number }[];
}

function isPlainDoc(v: unknown): v is Document {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && (v as { _bsontype?: string })._bsontype === undefined && !ArrayBuffer.isView(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return EJSON.stringify({ v: a } as Document, { relaxed: false }) === EJSON.stringify({ v: b } as Document, { relaxed: false });
}

function diffArrays(path: string, before: unknown[], after: unknown[], out: UpdateDescription): void {
  const common = Math.min(before.length, after.length);
  const prefixSame = before.slice(0, common).every((v, i) => same(v, after[i]));
  if (prefixSame && after.length > before.length) {
    for (let i = before.length; i < after.length; i++) out.updatedFields[`${path}.${i}`] = after[i];
  } else if (prefixSame && after.length < before.length) {
    out.truncatedArrays.push({ field: path, newSize: after.length });
  } else {
    out.updatedFields[path] = after;
  }
}

function diffDocs(prefix: string, before: Document, after: Document, out: UpdateDescription): void {
  for (const [k, v] of Object.entries(after)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!Object.hasOwn(before, k)) out.updatedFields[path] = v;
    else if (same(before[k], v)) continue;
    else if (isPlainDoc(before[k]) && isPlainDoc(v)) diffDocs(path, before[k] as Document, v, out);
    else if (Array.isArray(before[k]) && Array.isArray(v)) diffArrays(path, before[k] as unknown[], v, out);
    else out.updatedFields[path] = v;
  }
  for (const k of Object.keys(before)) if (!Object.hasOwn(after, k)) out.removedFields.push(prefix ? `${prefix}.${k}` : k);
}

export function describeUpdate(before: Document | undefined, after: Document | undefined): UpdateDescription {
  const out: UpdateDescription = { updatedFields: {}, removedFields: [], truncatedArrays: [] };
  if (before && after) diffDocs('', before, after, out);
  return out;
}
