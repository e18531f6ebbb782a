// $jsonSchema for validators and queries: the draft-4 subset MongoDB supports plus `bsonType`.
// https://www.mongodb.com/docs/manual/reference/operator/query/jsonSchema/
// Numbers carry the type the driver would have sent them as: integers in int32 range are "int",
// other numbers "double" (the Node driver serialises JS numbers that way).
import type { Document } from 'bson';
import { Binary, BSONRegExp, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { compareBson } from '../storage/bson-order.ts';
import { errors } from '../errors.ts';

function bsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 ? 'int' : 'double';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  if (v instanceof Binary) return 'binData';
  if (v instanceof RegExp || v instanceof BSONRegExp) return 'regex';
  return 'object';
}

const JSON_TYPES: Record<string, (t: string) => boolean> = {
  object: (t) => t === 'object',
  array: (t) => t === 'array',
  number: (t) => ['int', 'long', 'double', 'decimal'].includes(t),
  boolean: (t) => t === 'bool',
  string: (t) => t === 'string',
  null: (t) => t === 'null',
};

function matchesBsonType(v: unknown, want: string): boolean {
  const t = bsonTypeOf(v);
  if (want === 'number') return JSON_TYPES.number(t);
  if (want === 'boolean') return t === 'bool';
  return t === want;
}

const asList = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : [String(x)]);
const length = (s: string) => [...s].length;

export function validates(schema: Document, v: unknown): boolean {
  const t = bsonTypeOf(v);
  if (schema.bsonType !== undefined && !asList(schema.bsonType).some((w) => matchesBsonType(v, w))) return false;
  if (schema.type !== undefined && !asList(schema.type).some((w) => JSON_TYPES[w]?.(t))) return false;
  if (schema.enum && !(schema.enum as unknown[]).some((e) => compareBson(e, v) === 0)) return false;
  if (schema.allOf && !(schema.allOf as Document[]).every((s) => validates(s, v))) return false;
  if (schema.anyOf && !(schema.anyOf as Document[]).some((s) => validates(s, v))) return false;
  if (schema.oneOf && (schema.oneOf as Document[]).filter((s) => validates(s, v)).length !== 1) return false;
  if (schema.not && validates(schema.not as Document, v)) return false;
  if (JSON_TYPES.number(t)) {
    const n = Number(v instanceof Decimal128 || v instanceof Long ? v.toString() : v);
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? n <= schema.minimum : n < schema.minimum)) return false;
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? n >= schema.maximum : n > schema.maximum)) return false;
    if (schema.multipleOf !== undefined && n % schema.multipleOf !== 0) return false;
  }
  if (t === 'string') {
    const s = v as string;
    if (schema.minLength !== undefined && length(s) < schema.minLength) return false;
    if (schema.maxLength !== undefined && length(s) > schema.maxLength) return false;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(s)) return false;
  }
  if (t === 'array') {
    const a = v as unknown[];
    if (schema.minItems !== undefined && a.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && a.length > schema.maxItems) return false;
    if (schema.uniqueItems && a.some((x, i) => a.findIndex((y) => compareBson(x, y) === 0) !== i)) return false;
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items)) {
        const tuple = schema.items as Document[];
        if (!tuple.every((s, i) => i >= a.length || validates(s, a[i]))) return false;
        if (schema.additionalItems === false && a.length > tuple.length) return false;
      } else if (!a.every((x) => validates(schema.items, x))) return false;
    }
  }
  if (t === 'object') {
    const o = v as Document;
    const keys = Object.keys(o);
    if (schema.required && !(schema.required as string[]).every((k) => k in o)) return false;
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) return false;
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return false;
    const props = (schema.properties ?? {}) as Record<string, Document>;
    for (const [k, s] of Object.entries(props)) if (k in o && !validates(s, o[k])) return false;
    const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Document>).map(([p, s]) => [new RegExp(p, 'u'), s] as const);
    for (const k of keys) {
      const byPattern = patterns.filter(([re]) => re.test(k));
      if (!byPattern.every(([, s]) => validates(s, o[k]))) return false;
      if (k in props || byPattern.length) continue;
      if (schema.additionalProperties === false) return false;
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && !validates(schema.additionalProperties, o[k])) return false;
    }
    if (schema.dependencies) {
      for (const [k, dep] of Object.entries(schema.dependencies as Document)) {
        if (!(k in o)) continue;
        if (Array.isArray(dep) ? !dep.every((d) => d in o) : !validates(dep as Document, o)) return false;
      }
    }
  }
  return true;
}

const SUPPORTED = new Set(['bsonType', 'type', 'enum', 'allOf', 'anyOf', 'oneOf', 'not', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'items', 'additionalItems', 'required', 'minProperties', 'maxProperties', 'properties', 'patternProperties', 'additionalProperties', 'dependencies', 'title', 'description']);

/** Rejects keywords MongoDB doesn't know ($ref, format, default, ...) the way the server does. */
export function checkSchema(schema: unknown): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw errors.typeMismatch('$jsonSchema must be an object');
  for (const [k, v] of Object.entries(schema as Document)) {
    if (!SUPPORTED.has(k)) throw errors.failedToParse(`Unknown $jsonSchema keyword: ${k}`);
    if (k === 'type' && asList(v).some((x) => !(x in JSON_TYPES))) throw errors.badValue(`Unknown type name alias: ${asList(v).find((x) => !(x in JSON_TYPES))}`);
    if (['properties', 'patternProperties'].includes(k)) for (const s of Object.values(v as Document)) checkSchema(s);
    if (['items', 'not', 'additionalProperties', 'additionalItems'].includes(k) && v && typeof v === 'object') for (const s of Array.isArray(v) ? v : [v]) checkSchema(s);
    if (['allOf', 'anyOf', 'oneOf'].includes(k)) for (const s of v as Document[]) checkSchema(s);
  }
}

export const jsonSchemaValidator = (schema: Document) => {
  checkSchema(schema);
  return (doc: Document) => validates(schema, doc);
};
