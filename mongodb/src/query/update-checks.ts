// Type checks the server applies before an update operator runs, which mingo's updater skips
// (it silently ignores e.g. $inc on a string). Messages follow mongod's update subsystem.
import type { Document } from 'bson';
import { typeRank } from '../storage/bson-order.ts';
import { bsonTypeName } from '../commands/util.ts';
import { formatValue } from '../storage/index-store.ts';
import { errors } from '../errors.ts';
import { add, isWide, multiply } from './numeric.ts';

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS: Record<string, string> = { $push: 'push', $addToSet: 'addToSet', $pop: 'pop', $pull: 'pull', $pullAll: 'pullAll' };

/** Walks `path` in `doc`: the value there, or where a scalar blocks the path. */
function walk(doc: Document, parts: string[]): { value?: unknown; found: boolean; blockedAt?: { field: string; parent: string; value: unknown } } {
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(p)) return { found: false, blockedAt: { field: p, parent: parts[i - 1] ?? '', value: cur } };
      cur = cur[Number(p)];
    } else if (cur && typeof cur === 'object' && Object.getPrototypeOf(cur) === Object.prototype) {
      if (!(p in (cur as Document))) return { found: false };
      cur = (cur as Document)[p];
    } else {
      return { found: false, blockedAt: { field: p, parent: parts[i - 1] ?? '', value: cur } };
    }
  }
  return { value: cur, found: true };
}

const idText = (doc: Document) => `{_id: ${formatValue(doc._id)}}`;

export function checkOperatorTypes(doc: Document, ops: Document): void {
  for (const [op, spec] of Object.entries(ops)) {
    for (const [path, arg] of Object.entries(spec as Document)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      const at = walk(doc, parts);
      if (at.blockedAt && op !== '$unset' && op !== '$pull' && op !== '$pop' && op !== '$pullAll') {
        const b = at.blockedAt;
        throw errors.pathNotViable(`Cannot create field '${b.field}' in element {${b.parent}: ${formatValue(b.value)}}`);
      }
      if (NUMERIC_OPS.has(op)) {
        if (typeRank(arg) !== 3) {
          const verb = op === '$inc' ? 'increment' : 'multiply';
          throw errors.typeMismatch(`Cannot ${verb} with non-numeric argument: {${path}: ${formatValue(arg)}}`);
        }
        if (at.found && typeRank(at.value) !== 3) {
          throw errors.typeMismatch(`Cannot apply ${op} to a value of non-numeric type. ${idText(doc)} has the field '${parts[parts.length - 1]}' of non-numeric type ${bsonTypeName(at.value)}`);
        }
      }
      if (op in ARRAY_OPS && at.found && !Array.isArray(at.value)) {
        if (op === '$pull' || op === '$pullAll') throw errors.badValue(`Cannot apply ${op} to a non-array value`);
        if (op === '$pop') throw errors.typeMismatch(`Path '${path}' contains an element of non-array type '${bsonTypeName(at.value)}'`);
        throw errors.badValue(`The field '${path}' must be an array but is of type ${bsonTypeName(at.value)} in document ${idText(doc)}`);
      }
    }
  }
}

/**
 * mingo's $inc/$mul only do JS arithmetic; when the field or the operand is a Decimal128 or Long
 * we compute the widened result ourselves and turn that path into a $set.
 */
export function widenNumericOps(doc: Document, ops: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    const spec = ops[op] as Document | undefined;
    if (!spec) continue;
    for (const [path, arg] of Object.entries(spec)) {
      if (path.includes('$')) continue;
      const at = walk(doc, path.split('.'));
      const current = at.found ? at.value : 0;
      if (!isWide(arg) && !isWide(current)) continue;
      const result = op === '$inc' ? add([current, arg]) : multiply([current, arg]);
      ops.$set = { ...(ops.$set ?? {}), [path]: result };
      delete spec[path];
    }
    if (Object.keys(spec).length === 0) delete ops[op];
  }
}
