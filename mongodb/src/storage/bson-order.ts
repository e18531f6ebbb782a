// MongoDB's cross-type ordering for comparing and sorting BSON values:
// https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
// MinKey < null/missing < numbers < strings/symbols < objects < arrays < binData < ObjectId
// < booleans < dates < timestamps < regex < MaxKey.
import { Binary, BSONRegExp, BSONSymbol, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';

export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number': case 'bigint': return 3;
    case 'string': return 4;
    case 'boolean': return 9;
  }
  if (v instanceof MinKey) return 1;
  if (v instanceof MaxKey) return 13;
  // Timestamp extends Long in the bson package, so it must be recognised first.
  if (v instanceof Timestamp) return 11;
  if (v instanceof Long || v instanceof Decimal128 || v instanceof Int32 || v instanceof Double) return 3;
  if (v instanceof BSONSymbol) return 4;
  if (Array.isArray(v)) return 6;
  if (v instanceof Binary || ArrayBuffer.isView(v)) return 7;
  if (v instanceof ObjectId) return 8;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 12;
  return 5;
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Int32 || v instanceof Double) return v.value;
  if (v instanceof Decimal128) return Number(v.toString());
  return NaN;
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** MongoDB order; `collator` (a query's collation) compares strings, also inside documents and arrays. */
export function compareBson(a: unknown, b: unknown, collator?: Intl.Collator): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 3: {
      const x = toNumber(a), y = toNumber(b);
      // NaN sorts below every other number in MongoDB.
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
      return cmp(x, y);
    }
    case 4: {
      const sa = String(a instanceof BSONSymbol ? a.value : a), sb = String(b instanceof BSONSymbol ? b.value : b);
      return collator ? Math.sign(collator.compare(sa, sb)) : cmp(sa, sb);
    }
    case 5: {
      const ka = Object.keys(a as object), kb = Object.keys(b as object);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const va = (a as Record<string, unknown>)[ka[i]], vb = (b as Record<string, unknown>)[kb[i]];
        const t = cmp(typeRank(va), typeRank(vb)) || cmp(ka[i], kb[i]) || compareBson(va, vb, collator);
        if (t) return t;
      }
      return cmp(ka.length, kb.length);
    }
    case 6: {
      const xa = a as unknown[], xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const t = compareBson(xa[i], xb[i], collator);
        if (t) return t;
      }
      return cmp(xa.length, xb.length);
    }
    case 7: {
      const ba = a instanceof Binary ? a.buffer : (a as Uint8Array), bb = b instanceof Binary ? b.buffer : (b as Uint8Array);
      if (ba.length !== bb.length) return cmp(ba.length, bb.length);
      return Buffer.compare(Buffer.from(ba), Buffer.from(bb));
    }
    case 8: return Buffer.compare((a as ObjectId).id, (b as ObjectId).id);
    case 9: return cmp(Number(a), Number(b));
    case 10: return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11: return (a as Timestamp).compare(b as Timestamp);
    case 12: return cmp(String(a), String(b));
    default: return 0;
  }
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal (1 == 1.0 ==
 * Long(1)); used to key documents by _id and index entries by value.
 */
export function keyString(v: unknown): string {
  const r = typeRank(v);
  switch (r) {
    case 2: return 'n';
    case 3: return 'd' + toNumber(v);
    case 11: return 'ts' + (v as Timestamp).toString();
    case 4: return 's' + JSON.stringify(String(v instanceof BSONSymbol ? v.value : v));
    case 5: return '{' + Object.keys(v as object).map((k) => JSON.stringify(k) + ':' + keyString((v as Record<string, unknown>)[k])).join(',') + '}';
    case 6: return '[' + (v as unknown[]).map(keyString).join(',') + ']';
    case 7: return 'b' + Buffer.from(v instanceof Binary ? v.buffer : (v as Uint8Array)).toString('base64');
    case 8: return 'o' + (v as ObjectId).toHexString();
    case 9: return v ? 'T' : 'F';
    case 10: return 't' + (v as Date).getTime();
    case 12: return 'r' + String(v);
    default: return 'k' + r;
  }
}
