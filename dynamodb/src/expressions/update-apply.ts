// Applying a parsed update expression to an item:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
// Every SET right-hand side is evaluated against the item as it was before the update.
// List indexes refer to the original positions, so removals run last and from the highest
// index down (`REMOVE a[1] SET a[3] = :v` replaces the original a[3]). Messages as DynamoDB answers them (dynalite's actions/updateItem.js).

import { validation } from '../errors.ts';
import type { AttributeValue, Item } from '../types.ts';
import { attributeType } from '../types.ts';
import { addNumbers } from './arithmetic.ts';
import { setHas } from './compare.ts';
import type { PathElement } from './paths.ts';
import { getPath } from './paths.ts';
import type { SetValue, Update } from './update-parser.ts';

const INCORRECT_TYPE = 'An operand in the update expression has an incorrect data type';
const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const MISSING = 'The provided expression refers to an attribute that does not exist in the item';

function evaluate(v: SetValue, item: Item): AttributeValue {
  switch (v.kind) {
    case 'path': {
      const found = getPath(item, v.elements);
      if (!found) throw validation(MISSING);
      return found;
    }
    case 'value':
      return v.value!;
    case 'arith': {
      const a = evaluate(v.left, item);
      const b = evaluate(v.right, item);
      if (!('N' in a) || !('N' in b)) throw validation(INCORRECT_TYPE);
      return { N: addNumbers(a.N, b.N, v.op === '-') };
    }
    case 'function': {
      if (v.name === 'if_not_exists') {
        const [path, fallback] = v.args as [SetValue & { kind: 'path' }, SetValue];
        return getPath(item, path.elements) ?? evaluate(fallback, item);
      }
      const a = evaluate(v.args[0]!, item);
      const b = evaluate(v.args[1]!, item);
      if (!('L' in a) || !('L' in b)) throw validation(INCORRECT_TYPE);
      return { L: [...a.L, ...b.L] };
    }
  }
}

/** The container holding the last element of `path`, checked to be of the right kind. */
function parentOf(item: Item, path: PathElement[]): { M: Record<string, AttributeValue> } | { L: AttributeValue[] } {
  if (path.length === 1) return { M: item };
  const parent = getPath(item, path.slice(0, -1));
  const last = path[path.length - 1];
  if (typeof last === 'number' && parent && 'L' in parent) return parent;
  if (typeof last === 'string' && parent && 'M' in parent) return parent;
  throw validation(INVALID_PATH);
}

function put(item: Item, path: PathElement[], value: AttributeValue): void {
  const parent = parentOf(item, path);
  const last = path[path.length - 1]!;
  if ('M' in parent) parent.M[last as string] = value;
  // An index past the end appends (the docs: "adds the new element to the end of the list").
  else if ((last as number) >= parent.L.length) parent.L.push(value);
  else parent.L[last as number] = value;
}

function remove(item: Item, path: PathElement[]): void {
  const parent = parentOf(item, path);
  const last = path[path.length - 1]!;
  if ('M' in parent) delete parent.M[last as string];
  else if ((last as number) < parent.L.length) parent.L.splice(last as number, 1);
}

function add(item: Item, path: PathElement[], value: AttributeValue): void {
  const existing = getPath(item, path);
  if ('N' in value) {
    if (!existing) return put(item, path, value);
    if (!('N' in existing)) throw validation(INCORRECT_TYPE);
    return put(item, path, { N: addNumbers(existing.N, value.N) });
  }
  const type = attributeType(value);
  const members = (value as Record<string, string[]>)[type]!;
  if (!existing) return put(item, path, structuredClone(value));
  if (attributeType(existing) !== type) throw validation(INCORRECT_TYPE);
  const current = (existing as Record<string, string[]>)[type]!;
  for (const m of members) if (!setHas(existing, m)) current.push(m);
}

function del(item: Item, path: PathElement[], value: AttributeValue): void {
  parentOf(item, path);
  const existing = getPath(item, path);
  if (!existing) return;
  const type = attributeType(value);
  if (attributeType(existing) !== type) throw validation(INCORRECT_TYPE);
  const kept = (existing as Record<string, string[]>)[type]!.filter((m) => !setHas(value, m));
  // A set cannot be empty, so deleting its last members removes the attribute.
  if (kept.length) put(item, path, { [type]: kept } as AttributeValue);
  else remove(item, path);
}

/** Later list indexes first, so earlier removals do not shift the positions of later ones. */
function removalOrder(a: PathElement[], b: PathElement[]): number {
  return pathOrder(b, a);
}

/**
 * A total order on paths in which the indexes of one list ascend. SET targets never overlap, so
 * only the relative order of elements of one list matters: "If you add multiple elements in a
 * single SET operation, the elements are sorted in order by element number."
 */
function pathOrder(a: PathElement[], b: PathElement[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export interface ApplyOptions {
  /**
   * False when the update creates the item. DynamoDB then ignores REMOVE actions, even nested
   * ones that would otherwise be "invalid for update".
   */
  itemExists?: boolean;
}

/** Returns the updated copy of `item`; throws ValidationException for bad operands or paths. */
export function applyUpdate(u: Update, item: Item, options: ApplyOptions = {}): Item {
  const result = structuredClone(item);
  const sets: Array<{ path: PathElement[]; value: AttributeValue }> = [];
  for (const a of u.actions) if (a.action === 'SET') sets.push({ path: a.path.elements, value: evaluate(a.value, item) });
  for (const s of sets.sort((a, b) => pathOrder(a.path, b.path))) put(result, s.path, structuredClone(s.value));
  for (const a of u.actions) {
    if (a.action === 'ADD') add(result, a.path.elements, a.value.value!);
    else if (a.action === 'DELETE') del(result, a.path.elements, a.value.value!);
  }
  if (options.itemExists !== false) {
    const removals = u.actions.filter((a) => a.action === 'REMOVE').map((a) => a.path.elements);
    for (const path of removals.sort(removalOrder)) remove(result, path);
  }
  return result;
}
