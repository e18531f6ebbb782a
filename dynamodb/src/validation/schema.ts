// Declarative request validation in the two phases DynamoDB's front end runs:
// 1. shape/type conversion → SerializationException (first mismatch wins);
// 2. constraints → "N validation error(s) detected: Value ... at 'path' failed to satisfy
//    constraint: ..." (up to 10 collected, in field order).
// Paths use lower-camel field names, `.N.member` for list elements and `.key.member` for map
// values, as AWS prints them. Messages follow the ones dynalite recorded from the real service.

import { serialization, validation } from '../errors.ts';

interface Constraints {
  notNull?: boolean;
  /** String/List/Map length bounds. */
  minLen?: number;
  maxLen?: number;
  /** Number bounds. */
  min?: number;
  max?: number;
  enum?: readonly string[];
  regex?: string;
  /** Constraints on map keys (e.g. table names in RequestItems). */
  keys?: { minLen?: number; maxLen?: number; regex?: string };
  /** Length constraints on map values (e.g. 1..25 requests per table in BatchWriteItem). */
  values?: { minLen?: number; maxLen?: number };
}

export type Shape = Constraints &
  (
    | { type: 'String' | 'Boolean' | 'Integer' | 'Long' | 'Double' | 'AttrValue' | 'Blob' }
    | { type: 'List'; member: Shape }
    | { type: 'Map'; value: Shape }
    | { type: 'Struct'; name: string; fields: Fields }
  );

export type Fields = Record<string, Shape>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A field list in order, with the lower-camel name AWS prints in paths; computed once per Fields object. */
type FieldList = Array<{ name: string; shape: Shape; pathName: string }>;
const fieldLists = new WeakMap<Fields, FieldList>();
function fieldList(fields: Fields): FieldList {
  let list = fieldLists.get(fields);
  if (!list) {
    list = Object.entries(fields).map(([name, shape]) => ({ name, shape, pathName: lowerFirst(name) }));
    fieldLists.set(fields, list);
  }
  return list;
}

// ---------- phase 1: types ----------

const ATTR_FIELDS: Fields = {
  S: { type: 'String' },
  N: { type: 'String' },
  B: { type: 'Blob' },
  BOOL: { type: 'Boolean' },
  NULL: { type: 'Boolean' },
  SS: { type: 'List', member: { type: 'String' } },
  NS: { type: 'List', member: { type: 'String' } },
  BS: { type: 'List', member: { type: 'Blob' } },
  L: { type: 'List', member: { type: 'AttrValue' } },
  M: { type: 'Map', value: { type: 'AttrValue' } },
};

function scalarMismatch(val: unknown, target: string): never {
  if (typeof val === 'boolean') throw serialization(`${val ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to ${target}`);
  if (typeof val === 'number') throw serialization(`${Number.isInteger(val) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to ${target}`);
  if (typeof val === 'string') throw serialization(`STRING_VALUE cannot be converted to ${target}`);
  if (Array.isArray(val)) throw serialization(`Unrecognized collection type class java.lang.${target}`);
  throw serialization('Start of structure or map found where not expected');
}

function isObject(val: unknown): val is Record<string, unknown> {
  return typeof val === 'object' && val !== null && !Array.isArray(val);
}

/** Converts `val` to `shape` or throws SerializationException; unknown fields and nulls are dropped. */
function convert(val: unknown, shape: Shape): unknown {
  if (val === null || val === undefined) return undefined;
  switch (shape.type) {
    case 'String':
      if (typeof val !== 'string') scalarMismatch(val, 'String');
      return val;
    case 'Boolean':
      if (typeof val === 'boolean') return val;
      if (typeof val === 'string') {
        const up = val.toUpperCase();
        if (up === 'TRUE' || up === '1' || up === 'YES') return true;
        if (up === 'FALSE' || up === '0' || up === 'NO') return false;
        throw serialization('Unexpected token received from parser');
      }
      return scalarMismatch(val, 'Boolean');
    case 'Integer':
    case 'Long':
    case 'Double':
      if (typeof val !== 'number') scalarMismatch(val, shape.type);
      return shape.type === 'Double' ? val : Math.floor(val);
    case 'Blob':
      if (typeof val === 'boolean' || typeof val === 'number') throw serialization('only base-64-encoded strings are convertible to bytes');
      if (Array.isArray(val)) throw serialization('Unrecognized collection type class java.nio.ByteBuffer');
      if (typeof val !== 'string') throw serialization('Start of structure or map found where not expected');
      if (val.length % 4) throw serialization(`Base64 encoded length is expected a multiple of 4 bytes but found: ${val.length}`);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(val)) throw serialization('Invalid last non-pad Base64 character dectected');
      return val;
    case 'List':
      if (!Array.isArray(val)) {
        if (isObject(val)) throw serialization('Start of structure or map found where not expected');
        throw serialization('Unexpected field type');
      }
      return val.map((m) => convert(m, shape.member));
    case 'Map': {
      if (Array.isArray(val)) throw serialization('Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>');
      if (!isObject(val)) throw serialization('Unexpected field type');
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(val)) {
        const v = convert(val[k], shape.value);
        // An attribute may be called "__proto__": define it (assignment would set the prototype).
        // defineProperty for every key is slow, so only for that one.
        if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
      }
      return out;
    }
    case 'AttrValue': {
      if (Array.isArray(val)) throw serialization('Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue');
      if (!isObject(val)) throw serialization('Unexpected value type in payload');
      // The usual value has one type key: convert just that one (same result as the loop).
      const types = Object.keys(val);
      if (types.length !== 1) return convertFields(val, ATTR_FIELDS);
      const type = types[0]!;
      if (!Object.hasOwn(ATTR_FIELDS, type)) return {};
      const converted = convert(val[type], ATTR_FIELDS[type]!);
      return converted === undefined ? {} : { [type]: converted };
    }
    case 'Struct':
      if (Array.isArray(val)) throw serialization(`Unrecognized collection type class com.amazonaws.dynamodb.v20120810.${shape.name}`);
      if (!isObject(val)) throw serialization('Unexpected field type');
      return convertFields(val, shape.fields);
  }
}

function convertFields(val: Record<string, unknown>, fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, shape } of fieldList(fields)) {
    if (!Object.hasOwn(val, name)) continue;
    const v = convert(val[name], shape);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

// ---------- phase 2: constraints ----------

const patterns = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(`^${source}$`)));
  return re;
}

function valueStr(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(valueStr).join(', ')}]`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function lengthOf(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  return Object.keys(v as object).length;
}

const CONSTRAINTS = ['notNull', 'minLen', 'maxLen', 'min', 'max', 'enum', 'regex', 'keys', 'values'] as const;
const unconstrained = new WeakMap<Shape, boolean>();

/** True when no value can fail the shape's constraints (e.g. an item's attribute values): `check` skips it. */
function isUnconstrained(shape: Shape): boolean {
  let known = unconstrained.get(shape);
  if (known === undefined) {
    known =
      CONSTRAINTS.every((c) => shape[c] === undefined) &&
      (shape.type === 'List'
        ? isUnconstrained(shape.member)
        : shape.type === 'Map'
          ? isUnconstrained(shape.value)
          : shape.type === 'Struct'
            ? Object.values(shape.fields).every(isUnconstrained)
            : true);
    unconstrained.set(shape, known);
  }
  return known;
}

function check(v: unknown, shape: Shape, path: string, errors: string[]): void {
  if (isUnconstrained(shape)) return;
  const fail = (msg: string) => {
    if (errors.length < 10) {
      const shown = v === undefined ? 'null' : `'${valueStr(v)}'`;
      errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${msg}`);
    }
  };
  if (v === undefined) {
    if (shape.notNull) fail('Member must not be null');
    return;
  }
  if (shape.enum && !shape.enum.includes(v as string)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  if (shape.regex && !pattern(shape.regex).test(v as string)) fail(`Member must satisfy regular expression pattern: ${shape.regex}`);
  if (shape.minLen !== undefined && lengthOf(v) < shape.minLen) fail(`Member must have length greater than or equal to ${shape.minLen}`);
  if (shape.maxLen !== undefined && lengthOf(v) > shape.maxLen) fail(`Member must have length less than or equal to ${shape.maxLen}`);
  if (shape.min !== undefined && (v as number) < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && (v as number) > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
  if (shape.keys) {
    const k = shape.keys;
    // AWS lists the rules in this order (maximum first).
    const rules = [
      k.maxLen !== undefined ? `Member must have length less than or equal to ${k.maxLen}` : undefined,
      k.minLen !== undefined ? `Member must have length greater than or equal to ${k.minLen}` : undefined,
      k.regex !== undefined ? `Member must satisfy regular expression pattern: ${k.regex}` : undefined,
    ].filter(Boolean);
    for (const key of Object.keys(v as object)) {
      const bad =
        (k.minLen !== undefined && key.length < k.minLen) ||
        (k.maxLen !== undefined && key.length > k.maxLen) ||
        (k.regex !== undefined && !pattern(k.regex).test(key));
      if (bad) fail(`Map keys must satisfy constraint: [${rules.join(', ')}]`);
    }
  }
  if (shape.values) {
    const { minLen, maxLen } = shape.values;
    // AWS lists the rules in this order (maximum first).
    const rules = [
      maxLen !== undefined ? `Member must have length less than or equal to ${maxLen}` : undefined,
      minLen !== undefined ? `Member must have length greater than or equal to ${minLen}` : undefined,
    ].filter(Boolean);
    for (const value of Object.values(v as object)) {
      const n = lengthOf(value);
      if ((minLen !== undefined && n < minLen) || (maxLen !== undefined && n > maxLen)) {
        fail(`Map value must satisfy constraint: [${rules.join(', ')}]`);
      }
    }
  }
  if (shape.type === 'List' && !isUnconstrained(shape.member)) {
    (v as unknown[]).forEach((m, i) => check(m, shape.member, `${path}.${i + 1}.member`, errors));
  }
  if (shape.type === 'Map' && !isUnconstrained(shape.value)) {
    for (const [k, m] of Object.entries(v as object)) check(m, shape.value, `${path}.${k}.member`, errors);
  }
  if (shape.type === 'Struct') checkFields(v as Record<string, unknown>, shape.fields, `${path}.`, errors);
}

function checkFields(v: Record<string, unknown>, fields: Fields, prefix: string, errors: string[]): void {
  for (const { name, shape, pathName } of fieldList(fields)) {
    if (!isUnconstrained(shape)) check(v[name], shape, prefix + pathName, errors);
  }
}

/**
 * Runs both phases on a request body and returns the cleaned request.
 * `body` must be a JSON object already (the transport checks that).
 */
/**
 * Both phases; `between` runs after the type conversion and before the constraints (the
 * table-name checks of the table operations, which answer alone: see misc.ts).
 */
export function validateShape<T>(body: Record<string, unknown>, fields: Fields, between?: (data: Record<string, unknown>) => void): T {
  const data = convertFields(body, fields);
  between?.(data);
  const errors: string[] = [];
  checkFields(data, fields, '', errors);
  if (errors.length) {
    throw validation(`${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`);
  }
  return data as T;
}

// The shared field shapes live in shapes.ts; re-exported for modules that import them from here.
export * from './shapes.ts';
