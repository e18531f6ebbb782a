// The unified test format's matching rules ("Evaluating Matches" and "Special Operators for Matching
// Assertions"): https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#evaluating-matches
//
// `match` returns null when `actual` satisfies `expected`, otherwise a message naming the first
// mismatching path. Root-level documents may carry extra fields; nested documents may not.
import { BSON } from 'mongodb';

const { EJSON } = BSON;
import { compareNumbers, hasTypeAlias, isDocument, numericValue, presentKeys, scalarEquals, show } from './values.ts';

export interface MatchContext {
  /** Resolves `$$matchesEntity` / `$$sessionLsid` names; throws for undefined entities. */
  entity?: (name: string) => unknown;
  sessionLsid?: (name: string) => unknown;
}

export type Mismatch = string | null;

/** Key of a special operator document (`{ $$op: arg }`), if `v` is one. */
export function operatorOf(v: unknown): string | undefined {
  if (!isDocument(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0].startsWith('$$') ? keys[0] : undefined;
}

export function match(expected: unknown, actual: unknown, root = true, ctx: MatchContext = {}): Mismatch {
  return matchAt(expected, actual, { root, path: '', present: actual !== undefined, ctx });
}

interface At {
  root: boolean;
  path: string;
  /** Whether the actual value exists at all (a missing key, as opposed to a null value). */
  present: boolean;
  ctx: MatchContext;
}

function fail(at: At, what: string): Mismatch {
  return `${at.path || '(root)'}: ${what}`;
}

function matchAt(expected: unknown, actual: unknown, at: At): Mismatch {
  const op = operatorOf(expected);
  if (op !== undefined) return matchOperator(op, (expected as Record<string, unknown>)[op], actual, at);
  if (!at.present) return fail(at, `expected ${show(expected)} but the value is unset`);
  if (isDocument(expected)) return matchDocument(expected, actual, at);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail(at, `expected an array, got ${show(actual)}`);
    if (actual.length !== expected.length) {
      return fail(at, `expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`);
    }
    for (let i = 0; i < expected.length; i++) {
      const r = matchAt(expected[i], actual[i], { ...at, root: false, path: `${at.path}[${i}]`, present: true });
      if (r) return r;
    }
    return null;
  }
  return scalarEquals(expected, actual) ? null : fail(at, `expected ${show(expected)}, got ${show(actual)}`);
}

function matchDocument(expected: Record<string, unknown>, actual: unknown, at: At): Mismatch {
  const doc = actual instanceof Map ? Object.fromEntries(actual) : actual;
  if (!isDocument(doc)) return fail(at, `expected a document, got ${show(actual)}`);
  for (const key of Object.keys(expected)) {
    const present = Object.hasOwn(doc, key) && doc[key] !== undefined;
    const r = matchAt(expected[key], doc[key], {
      ...at,
      root: false,
      path: at.path ? `${at.path}.${key}` : key,
      present,
    });
    if (r) return r;
  }
  if (!at.root) {
    const extra = presentKeys(doc).filter((k) => !Object.hasOwn(expected, k));
    if (extra.length > 0) return fail(at, `unexpected field(s) ${extra.join(', ')} in ${show(doc)}`);
  }
  return null;
}

function matchOperator(op: string, arg: unknown, actual: unknown, at: At): Mismatch {
  switch (op) {
    case '$$exists':
      if (arg === at.present) return null;
      return fail(at, arg ? 'expected the field to exist' : `expected the field to be unset, got ${show(actual)}`);
    case '$$unsetOrMatches':
      // Does not change whether the value counts as a root-level document.
      return at.present ? matchAt(arg, actual, at) : null;
    case '$$type': {
      if (!at.present) return fail(at, `expected a value of type ${show(arg)}, the value is unset`);
      const names = Array.isArray(arg) ? (arg as string[]) : [arg as string];
      return names.some((n) => hasTypeAlias(actual, n))
        ? null
        : fail(at, `expected type ${names.join(' | ')}, got ${show(actual)}`);
    }
    case '$$matchesEntity':
      if (!at.ctx.entity) throw new Error('$$matchesEntity used without an entity map');
      return matchAt(at.ctx.entity(String(arg)), actual, at);
    case '$$sessionLsid': {
      if (!at.ctx.sessionLsid) throw new Error('$$sessionLsid used without an entity map');
      const lsid = at.ctx.sessionLsid(String(arg));
      return at.present && scalarEquals(lsid, actual)
        ? null
        : fail(at, `expected the lsid of session ${String(arg)}, got ${show(actual)}`);
    }
    case '$$lte': {
      const a = numericValue(actual);
      const e = numericValue(arg);
      if (a === undefined || e === undefined) return fail(at, `$$lte needs numbers, got ${show(actual)}`);
      return compareNumbers(a, e) <= 0 ? null : fail(at, `expected <= ${show(arg)}, got ${show(actual)}`);
    }
    case '$$matchesHexBytes': {
      if (typeof arg !== 'string' || !/^([0-9a-f]{2})*$/i.test(arg)) throw new Error(`malformed $$matchesHexBytes ${show(arg)}`);
      const hex = actual instanceof Uint8Array ? Buffer.from(actual).toString('hex') : undefined;
      return hex !== undefined && hex === arg.toLowerCase() ? null : fail(at, `expected bytes ${arg}, got ${show(actual)}`);
    }
    case '$$matchAsDocument': {
      if (typeof actual !== 'string') return fail(at, `$$matchAsDocument needs an Extended JSON string, got ${show(actual)}`);
      return matchAt(arg, EJSON.parse(actual, { relaxed: true }), { ...at, root: false });
    }
    case '$$matchAsRoot':
      return matchAt(arg, actual, { ...at, root: true });
    default:
      throw new Error(`unsupported special operator ${op}`);
  }
}

/**
 * Exact comparison for `outcome` collection data: no extra fields anywhere and no special operators,
 * but key order may differ and numerics compare by value.
 */
export function exactMatch(expected: unknown, actual: unknown, path = ''): Mismatch {
  const at = path || '(root)';
  if (isDocument(expected)) {
    if (!isDocument(actual)) return `${at}: expected a document, got ${show(actual)}`;
    const ek = presentKeys(expected).sort();
    const ak = presentKeys(actual).sort();
    if (ek.join('\0') !== ak.join('\0')) return `${at}: expected fields [${ek}] got [${ak}] in ${show(actual)}`;
    for (const k of ek) {
      const r = exactMatch(expected[k], actual[k], path ? `${path}.${k}` : k);
      if (r) return r;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${at}: expected ${show(expected)}, got ${show(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const r = exactMatch(expected[i], actual[i], `${path}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  return scalarEquals(expected, actual) ? null : `${at}: expected ${show(expected)}, got ${show(actual)}`;
}
