// Checks shared by the item operations: table lookup, key and item shape against the key
// schema, item size, expression attribute maps. Messages as DynamoDB answers them
// (dynalite's db/index.js records them verbatim).

import { checkAttributeMap } from '../attributes.ts';
import { itemSize } from '../capacity.ts';
import { resourceNotFound, validation } from '../errors.ts';
import { ExprContext } from '../expressions/index.ts';
import type { Table } from '../storage/table.ts';
import type { AttributeValue, Item, Key, KeySchema } from '../types.ts';
import type { OpContext } from './context.ts';

const INVALID = 'One or more parameter values were invalid: ';

/** The table for a data-plane call; a CREATING table is not found yet, as in DynamoDB. */
export function activeTable(ctx: OpContext, name: string): Table {
  const table = ctx.store.tables(ctx.namespace, ctx.region).get(name);
  if (!table || table.status !== 'ACTIVE') throw resourceNotFound();
  return table;
}

export function checkKeyPart(value: AttributeValue, name: string, isHash: boolean, prefix = ''): void {
  const [type] = Object.keys(value);
  const raw = (value as Record<string, string>)[type!]!;
  if ((type === 'S' || type === 'B') && raw === '') {
    throw validation(
      `${prefix}One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${type === 'S' ? 'string' : 'binary'} value. Key: ${name}`,
    );
  }
  const bytes = type === 'S' ? Buffer.byteLength(raw) : type === 'B' ? Buffer.byteLength(raw, 'base64') : 0;
  if (isHash && bytes > 2048) throw validation(`${prefix}${INVALID}Size of hashkey has exceeded the maximum size limit of2048 bytes`);
  if (!isHash && bytes > 1024) throw validation(`${prefix}${INVALID}Aggregated size of all range keys has exceeded the size limit of 1024 bytes`);
}

/** A Key parameter (values already checked with the request) must hold exactly the key attributes, with the defined types. */
export function checkKey(table: Table, key: Key, schema: KeySchema = table.keySchema): Key {
  if (Object.keys(key).length !== schema.length) throw validation('The provided key element does not match the schema');
  for (const el of schema) {
    const v = key[el.AttributeName];
    const type = table.attributeType(el.AttributeName)!;
    if (!v || !(type in v)) throw validation('The provided key element does not match the schema');
    checkKeyPart(v, el.AttributeName, el.KeyType === 'HASH');
  }
  return key;
}

/** An item (values already checked with the request) must carry the table key with the right types, and index keys of the right type. */
export function checkItem(table: Table, item: Item, maxBytes: number): void {
  for (const el of table.keySchema) {
    const name = el.AttributeName;
    const type = table.attributeType(name)!;
    const v = item[name];
    if (!v) throw validation(`${INVALID}Missing the key ${name} in the item`);
    if (!(type in v)) throw validation(`${INVALID}Type mismatch for key ${name} expected: ${type} actual: ${Object.keys(v)[0]}`);
    checkKeyPart(v, name, el.KeyType === 'HASH');
  }
  checkIndexKeys(table, item);
  if (itemSize(item) > maxBytes) throw validation('Item size has exceeded the maximum allowed size');
}

/** Index key attributes, when present, must have the type the table defines for them. */
export function checkIndexKeys(table: Table, item: Item): void {
  if (!table.indexes.size) return;
  // DynamoDB reports global indexes before local ones, the last-defined first (observed).
  const all = [...table.indexes.values()];
  const indexes = [...all.filter((i) => i.global).reverse(), ...all.filter((i) => !i.global)];
  for (const index of indexes) {
    for (const el of index.keySchema) {
      const name = el.AttributeName;
      const v = item[name];
      const type = table.attributeType(name)!;
      if (v && !(type in v)) {
        throw validation(
          `${INVALID}Type mismatch for Index Key ${name} Expected: ${type} Actual: ${Object.keys(v)[0]} IndexName: ${index.name}`,
        );
      }
      if (!v) continue;
      const [vt] = Object.keys(v);
      if ((vt === 'S' || vt === 'B') && (v as Record<string, string>)[vt] === '') {
        // Reported by users from the real service (e.g. github.com/architect/dynalite/issues/184).
        throw validation(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${vt === 'S' ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${name}`,
        );
      }
      checkKeyPart(v, name, el.KeyType === 'HASH');
    }
  }
}

/**
 * The names/values context of a request's expressions; the values are checked here, after the
 * context's own checks of the maps' keys, in DynamoDB's order.
 */
export function exprContext(names: Record<string, string> | undefined, values: Record<string, AttributeValue> | undefined): ExprContext {
  const ctx = new ExprContext(names, values);
  for (const [key, value] of Object.entries(values ?? {})) {
    const msg = checkAttributeMap({ [key]: value });
    if (msg) throw validation(`ExpressionAttributeValues contains invalid value: ${msg} for key ${key}`);
  }
  return ctx;
}
