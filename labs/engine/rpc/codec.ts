// A tagged JSON codec for values crossing between the trusted grader and the learner's process.
// Node's IPC channel speaks JSON, which loses Date, bigint, Map, Set, undefined, NaN, -0,
// binary data and BSON types. Every non-JSON value is wrapped as `{ $ks: tag, v: … }`; plain
// objects that happen to own a `$ks` key are wrapped too (tag 'obj'), so decoding is unambiguous.
// BSON values are recognised by their `_bsontype` brand (so the learner's copy of bson works)
// and recreated with the real bson classes on decode, so checks can use `instanceof ObjectId`.
import { Decimal128, Long, ObjectId } from 'bson';

export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

const TAG = '$ks';
const MAX_DEPTH = 200;

/** defineProperty, so a key named "__proto__" stays data and never sets the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function tagged(tag: string, v: Encoded): Encoded {
  return { [TAG]: tag, v };
}

function encodeNumber(n: number): Encoded {
  if (Number.isNaN(n)) return tagged('num', 'NaN');
  if (n === Infinity) return tagged('num', 'Infinity');
  if (n === -Infinity) return tagged('num', '-Infinity');
  if (Object.is(n, -0)) return tagged('num', '-0');
  return n;
}

function encodeError(e: Error, seen: Set<object>, depth: number): Encoded {
  const out: Record<string, Encoded> = { name: String(e.name), message: String(e.message), stack: String(e.stack ?? '') };
  const code = (e as { code?: unknown }).code;
  if (code !== undefined) out.code = encodeValue(code, seen, depth + 1);
  return tagged('err', out);
}

function encodeBson(value: { _bsontype: string } & Record<string, unknown>): Encoded | undefined {
  switch (value._bsontype) {
    case 'ObjectId':
    case 'ObjectID':
      return tagged('oid', String((value as unknown as { toHexString(): string }).toHexString()));
    case 'Decimal128':
      return tagged('dec128', String(value.toString()));
    case 'Long':
      return tagged('long', String(value.toString()));
    default:
      return undefined;
  }
}

function encodeValue(value: unknown, seen: Set<object>, depth: number): Encoded {
  if (depth > MAX_DEPTH) throw new TypeError('value nests too deeply to send');
  switch (typeof value) {
    case 'undefined':
      return tagged('undef', null);
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return tagged('big', value.toString());
    case 'symbol':
      return tagged('sym', value.description ?? '');
    case 'function':
      return tagged('fn', value.name);
  }
  if (value === null) return null;
  const obj = value as object;
  if (seen.has(obj)) throw new TypeError('cannot send a value with a circular reference');
  seen.add(obj);
  try {
    return encodeObject(obj, seen, depth);
  } finally {
    seen.delete(obj);
  }
}

function encodeObject(obj: object, seen: Set<object>, depth: number): Encoded {
  if (Array.isArray(obj)) return obj.map((x) => encodeValue(x, seen, depth + 1));
  if (obj instanceof Date) return tagged('date', Number.isNaN(obj.getTime()) ? 'Invalid' : obj.toISOString());
  if (obj instanceof Uint8Array) {
    const base64 = Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('base64');
    return tagged(Buffer.isBuffer(obj) ? 'buf' : 'u8', base64);
  }
  if (obj instanceof Map) return tagged('map', [...obj].map(([k, v]) => [encodeValue(k, seen, depth + 1), encodeValue(v, seen, depth + 1)]));
  if (obj instanceof Set) return tagged('set', [...obj].map((x) => encodeValue(x, seen, depth + 1)));
  if (obj instanceof RegExp) return tagged('re', [obj.source, obj.flags]);
  if (obj instanceof Error) return encodeError(obj, seen, depth);
  const bsonType = (obj as { _bsontype?: unknown })._bsontype;
  if (typeof bsonType === 'string') {
    const bson = encodeBson(obj as { _bsontype: string } & Record<string, unknown>);
    if (bson !== undefined) return bson;
    if (bsonType === 'Binary') return tagged('u8', Buffer.from((obj as { buffer: Uint8Array }).buffer).toString('base64'));
  }
  const out: Record<string, Encoded> = {};
  for (const key of Object.keys(obj)) setOwn(out, key, encodeValue((obj as Record<string, unknown>)[key], seen, depth + 1));
  return Object.hasOwn(out, TAG) ? tagged('obj', out) : out;
}

/** Encode any value into plain JSON; throws TypeError for circular or absurdly deep values. */
export function encode(value: unknown): Encoded {
  return encodeValue(value, new Set(), 0);
}

function decodeTagged(tag: string, v: Encoded): unknown {
  switch (tag) {
    case 'undef':
      return undefined;
    case 'num':
      return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : -0;
    case 'big':
      return BigInt(v as string);
    case 'sym':
      return Symbol(v as string);
    case 'fn':
      return `[Function ${v as string}]`;
    case 'date':
      return new Date(v === 'Invalid' ? NaN : (v as string));
    case 'buf':
      return Buffer.from(v as string, 'base64');
    case 'u8':
      return new Uint8Array(Buffer.from(v as string, 'base64'));
    case 'map':
      return new Map((v as Encoded[][]).map(([k, x]) => [decode(k as Encoded), decode(x as Encoded)]));
    case 'set':
      return new Set((v as Encoded[]).map(decode));
    case 're':
      return new RegExp((v as string[])[0], (v as string[])[1]);
    case 'err':
      return decodeError(v as Record<string, Encoded>);
    case 'oid':
      return ObjectId.createFromHexString(v as string);
    case 'dec128':
      return Decimal128.fromString(v as string);
    case 'long':
      return Long.fromString(v as string);
    case 'obj':
      return decodePlain(v as Record<string, Encoded>);
    default:
      throw new TypeError(`unknown codec tag ${JSON.stringify(tag)}`);
  }
}

function decodeError(v: Record<string, Encoded>): Error {
  const e = new Error(String(v.message));
  e.name = String(v.name);
  e.stack = String(v.stack);
  if (v.code !== undefined) (e as Error & { code?: unknown }).code = decode(v.code);
  return e;
}

function decodePlain(v: Record<string, Encoded>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) setOwn(out, key, decode(v[key]));
  return out;
}

/** Decode what `encode` produced; throws TypeError on malformed input. */
export function decode(value: Encoded): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  if (Object.hasOwn(value, TAG)) return decodeTagged(String(value[TAG]), value.v as Encoded);
  return decodePlain(value);
}
