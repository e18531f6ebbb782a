// Value classification and comparison helpers shared by the matcher and the outcome check.
// The unified test format compares values per "Evaluating Matches":
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#evaluating-matches
import { BSON } from 'mongodb';

const { EJSON } = BSON;

type BsonLike = { _bsontype: string; [k: string]: unknown };

export function bsonType(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' && typeof (v as BsonLike)._bsontype === 'string'
    ? (v as BsonLike)._bsontype
    : undefined;
}

/** A plain document: not an array, not a BSON value wrapper, not a Date/Buffer/RegExp/Map. */
export function isDocument(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  if (bsonType(v) !== undefined) return false;
  if (v instanceof Date || v instanceof RegExp || v instanceof Map || ArrayBuffer.isView(v)) return false;
  return true;
}

/** Own keys whose value is not `undefined`: the driver leaves optional fields as undefined properties. */
export function presentKeys(doc: Record<string, unknown>): string[] {
  return Object.keys(doc).filter((k) => doc[k] !== undefined);
}

/**
 * Numeric value of int32/int64/double in any of their JS representations, or undefined.
 * Decimal128 is excluded on purpose: the spec's flexible numeric comparison does not cover it.
 */
export function numericValue(v: unknown): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  const t = bsonType(v);
  if (t === 'Int32' || t === 'Double') return Number((v as { value: number }).value);
  if (t === 'Long') return BigInt((v as { toString(): string }).toString());
  return undefined;
}

function numbersEqual(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if (typeof a === 'number' && !Number.isInteger(a)) return false;
    if (typeof b === 'number' && !Number.isInteger(b)) return false;
    return BigInt(a) === BigInt(b);
  }
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

export function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (numbersEqual(a, b)) return 0;
  return Number(a) < Number(b) ? -1 : 1;
}

/** Equality of two non-document, non-array values (flexible numerics, BSON wrappers by value). */
export function scalarEquals(expected: unknown, actual: unknown): boolean {
  const en = numericValue(expected);
  const an = numericValue(actual);
  if (en !== undefined || an !== undefined) return en !== undefined && an !== undefined && numbersEqual(en, an);
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected !== 'object' || typeof actual !== 'object') return expected === actual;
  if (expected instanceof Date || actual instanceof Date) {
    return expected instanceof Date && actual instanceof Date && expected.getTime() === actual.getTime();
  }
  // Everything else (ObjectId, Binary, Timestamp, Decimal128, RegExp, ...) compares by canonical Extended JSON.
  return canonical(expected) === canonical(actual);
}

export function canonical(v: unknown): string {
  try {
    return EJSON.stringify(v as never, { relaxed: false });
  } catch {
    return String(v);
  }
}

/** Short human-readable rendering for failure messages. */
export function show(v: unknown): string {
  if (v === undefined) return '<unset>';
  let s: string;
  try {
    s = EJSON.stringify(v as never, { relaxed: true });
  } catch {
    s = String(v);
  }
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Does `v` have the `$type` alias `name`?  The driver promotes int32/int64/double to JS numbers,
 * so a JS number satisfies every numeric alias its value could have been encoded as.
 * Aliases: https://www.mongodb.com/docs/manual/reference/operator/query/type/#available-types
 */
export function hasTypeAlias(v: unknown, name: string): boolean {
  const t = bsonType(v);
  switch (name) {
    case 'double':
      return typeof v === 'number' || t === 'Double';
    case 'int':
      return (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) || t === 'Int32';
    case 'long':
      return (typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint' || t === 'Long';
    case 'decimal':
      return t === 'Decimal128';
    case 'number':
      return ['double', 'int', 'long', 'decimal'].some((n) => hasTypeAlias(v, n));
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'undefined':
      return v === undefined;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isDocument(v) || v instanceof Map;
    case 'objectId':
      return t === 'ObjectId';
    case 'date':
      return v instanceof Date;
    case 'binData':
      return t === 'Binary' || v instanceof Uint8Array;
    case 'regex':
      return v instanceof RegExp || t === 'BSONRegExp';
    case 'timestamp':
      return t === 'Timestamp';
    case 'javascript':
      return t === 'Code' && (v as { scope?: unknown }).scope == null;
    case 'javascriptWithScope':
      return t === 'Code' && (v as { scope?: unknown }).scope != null;
    case 'symbol':
      return t === 'BSONSymbol';
    case 'dbPointer':
      return t === 'DBRef';
    case 'minKey':
      return t === 'MinKey';
    case 'maxKey':
      return t === 'MaxKey';
    default:
      throw new Error(`$$type: unknown type alias '${name}'`);
  }
}
