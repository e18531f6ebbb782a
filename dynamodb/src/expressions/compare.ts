// Ordering and equality of attribute values as conditions see them
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Comparators):
// N numerically at full 38-digit precision, S by UTF-8 bytes, B bytewise. Values of different
// types are not ordered; a comparison between them is simply false, never an error.

import { compareBinary, compareUtf8 } from '../attributes.ts';
import { compareNumbers } from '../numbers.ts';
import type { AttributeType, AttributeValue } from '../types.ts';
import { attributeType } from '../types.ts';

/**
 * Order of two values: negative, zero or positive for S, N and B of the same type; for the
 * other types 0 when equal. Undefined when the types differ or the values are not ordered.
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const type = attributeType(a);
  if (type !== attributeType(b)) return undefined;
  if ('S' in a) return compareUtf8(a.S, (b as { S: string }).S);
  if ('N' in a) return compareNumbers(a.N, (b as { N: string }).N);
  if ('B' in a) return compareBinary(a.B, (b as { B: string }).B);
  return valuesEqual(a, b) ? 0 : undefined;
}

function sameMember(type: AttributeType, x: string, y: string): boolean {
  if (type === 'NS') return compareNumbers(x, y) === 0;
  if (type === 'BS') return compareBinary(x, y) === 0;
  return x === y;
}

/** True when `member` (a raw set element) is in the set value. */
export function setHas(set: AttributeValue, member: string): boolean {
  const type = attributeType(set);
  const members = (set as Record<string, string[]>)[type]!;
  return members.some((m) => sameMember(type, m, member));
}

/** Deep equality: numbers numerically, sets regardless of order, lists in order, maps by key. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = attributeType(a);
  if (type !== attributeType(b)) return false;
  const x = (a as Record<string, unknown>)[type];
  const y = (b as Record<string, unknown>)[type];
  switch (type) {
    case 'N':
      return compareNumbers(x as string, y as string) === 0;
    case 'B':
      return compareBinary(x as string, y as string) === 0;
    case 'SS':
    case 'NS':
    case 'BS': {
      const xs = x as string[];
      const ys = y as string[];
      return xs.length === ys.length && xs.every((m) => ys.some((n) => sameMember(type, m, n)));
    }
    case 'L': {
      const xs = x as AttributeValue[];
      const ys = y as AttributeValue[];
      return xs.length === ys.length && xs.every((v, i) => valuesEqual(v, ys[i]!));
    }
    case 'M': {
      const xm = x as Record<string, AttributeValue>;
      const ym = y as Record<string, AttributeValue>;
      const keys = Object.keys(xm);
      return keys.length === Object.keys(ym).length && keys.every((k) => Object.hasOwn(ym, k) && valuesEqual(xm[k]!, ym[k]!));
    }
    default:
      return x === y;
  }
}
