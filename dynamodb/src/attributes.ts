// Checks on attribute values that go beyond JSON shape (empty sets, duplicate set members,
// number limits), and the ordering DynamoDB uses for key attributes: N numerically,
// S by UTF-8 bytes, B bytewise (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).

import { canonicalNumber, compareNumbers } from './numbers.ts';
import { DynamoError } from './errors.ts';
import type { AttributeValue, Item } from './types.ts';

const INVALID = 'One or more parameter values were invalid: ';

/**
 * Validates one (shape-checked) attribute value and canonicalises its numbers in place.
 * Returns the ValidationException message, or undefined when the value is fine.
 * Messages as DynamoDB answers them (dynalite's validations/index.js records them verbatim).
 */
export function checkAttributeValue(value: AttributeValue): string | undefined {
  const v = value as Record<string, unknown>;
  const types = Object.keys(v);
  if (types.length === 0) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  if (types.length > 1) return 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
  try {
    switch (types[0]) {
      case 'N':
        v.N = canonicalNumber(v.N as string);
        return undefined;
      case 'NULL':
        return v.NULL ? undefined : `${INVALID}Null attribute value types must have the value of true`;
      case 'SS': {
        const set = v.SS as string[];
        if (!set.length) return `${INVALID}An string set  may not be empty`;
        if (new Set(set).size !== set.length) return `${INVALID}Input collection [${set.join(', ')}] contains duplicates.`;
        return undefined;
      }
      case 'NS': {
        const set = v.NS as string[];
        if (!set.length) return `${INVALID}An number set  may not be empty`;
        v.NS = set.map(canonicalNumber);
        if (new Set(v.NS as string[]).size !== set.length) return 'Input collection contains duplicates';
        return undefined;
      }
      case 'BS': {
        const set = v.BS as string[];
        if (!set.length) return `${INVALID}Binary sets should not be empty`;
        if (new Set(set).size !== set.length) return `${INVALID}Input collection [${set.join(', ')}]of type BS contains duplicates.`;
        return undefined;
      }
      case 'M':
        for (const child of Object.values(v.M as Item)) {
          const msg = checkAttributeValue(child);
          if (msg) return msg;
        }
        return undefined;
      case 'L':
        for (const child of v.L as AttributeValue[]) {
          const msg = checkAttributeValue(child);
          if (msg) return msg;
        }
        return undefined;
      default:
        return undefined;
    }
  } catch (err) {
    if (err instanceof DynamoError) return err.message;
    throw err;
  }
}

/** Validates every attribute of an item (or key / value map); first message wins. */
export function checkAttributeMap(map: Record<string, AttributeValue>): string | undefined {
  for (const value of Object.values(map)) {
    const msg = checkAttributeValue(value);
    if (msg) return msg;
  }
  return undefined;
}

/** Code-unit order with surrogates lifted above U+FFFF equals code-point order equals UTF-8 byte order. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Bytewise order of two base64 strings. */
export function compareBinary(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

/** Order of two key values of the same scalar type (S, N or B). */
export function compareKeyValues(a: AttributeValue, b: AttributeValue): number {
  if ('S' in a) return compareUtf8(a.S, (b as { S: string }).S);
  if ('N' in a) return compareNumbers(a.N, (b as { N: string }).N);
  return compareBinary((a as { B: string }).B, (b as { B: string }).B);
}

/** Deep equality of two attribute values (sets compared as sets). */
export function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const [ta] = Object.keys(a);
  const [tb] = Object.keys(b);
  if (ta !== tb) return false;
  const x = (a as Record<string, unknown>)[ta!];
  const y = (b as Record<string, unknown>)[tb!];
  switch (ta) {
    case 'SS':
    case 'NS':
    case 'BS': {
      const xs = x as string[];
      const ys = new Set(y as string[]);
      return xs.length === ys.size && xs.every((e) => ys.has(e));
    }
    case 'L': {
      const xs = x as AttributeValue[];
      const ys = y as AttributeValue[];
      return xs.length === ys.length && xs.every((e, i) => sameValue(e, ys[i]));
    }
    case 'M': {
      const xm = x as Item;
      const ym = y as Item;
      const keys = Object.keys(xm);
      return keys.length === Object.keys(ym).length && keys.every((k) => sameValue(xm[k], ym[k]));
    }
    default:
      return x === y;
  }
}

/** Stable text form of a key value, used as a map key (type-tagged so 1 and "1" differ). */
export function keyString(v: AttributeValue): string {
  if ('S' in v) return `S${v.S}`;
  if ('N' in v) return `N${v.N}`;
  return `B${(v as { B: string }).B}`;
}
