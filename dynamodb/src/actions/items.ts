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

/** Validates every value of a map (item, key, ExclusiveStartKey), canonicalising numbers. */
export function checkValues(map: Record<string, AttributeValue> | undefined, prefix = ''): void {
  if (!map) return;
  const msg = checkAttributeMap(map);
  if (msg) throw validation(prefix + msg);
}

function checkKeyPart(value: AttributeValue, name: string, isHash: boolean): void {
  const [type] = Object.keys(value);
  const raw = (value as Record<string, string>)[type!]!;
  if ((type === 'S' || type === 'B') && raw === '') {
    throw validation(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${type === 'S' ? 'string' : 'binary'} value. Key: ${name}`,
    );
  }
  const bytes = type === 'S' ? Buffer.byteLength(raw) : type === 'B' ? Buffer.byteLength(raw, 'base64') : 0;
  if (isHash && bytes > 2048) throw validation(`${INVALID}Size of hashkey has exceeded the maximum size limit of2048 bytes`);
  if (!isHash && bytes > 1024) throw validation(`${INVALID}Aggregated size of all range keys has exceeded the size limit of 1024 bytes`);
}

/** A Key parameter must hold exactly the key attributes, with the defined types. */
export function checkKey(table: Table, key: Key, schema: KeySchema = table.keySchema): Key {
  checkValues(key);
  if (Object.keys(key).length !== schema.length) throw validation('The provided key element does not match the schema');
  for (const el of schema) {
    const v = key[el.AttributeName];
    const type = table.attributeType(el.AttributeName)!;
    if (!v || !(type in v)) throw validation('The provided key element does not match the schema');
    checkKeyPart(v, el.AttributeName, el.KeyType === 'HASH');
  }
  return key;
}

/** An item must carry the table key with the right types, and index keys of the right type. */
export function checkItem(table: Table, item: Item, maxBytes: number): void {
  checkValues(item);
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
  for (const index of table.indexes.values()) {
    for (const el of index.keySchema) {
      const name = el.AttributeName;
      const v = item[name];
      const type = table.attributeType(name)!;
      if (v && !(type in v)) {
        throw validation(
          `${INVALID}Type mismatch for Index Key ${name} Expected: ${type} Actual: ${Object.keys(v)[0]} IndexName: ${index.name}`,
        );
      }
      if (v) checkKeyPart(v, name, el.KeyType === 'HASH');
    }
  }
}

export interface ExpressionParams {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/**
 * The names/values context of a request. `valueUsers` are the expressions that may use values:
 * without any of them, ExpressionAttributeValues is an error, as DynamoDB says.
 */
export function exprContext(d: ExpressionParams, exprs: Record<string, string | undefined>, valueUsers: string[]): ExprContext {
  const used = Object.keys(exprs).filter((k) => exprs[k] !== undefined);
  if (d.ExpressionAttributeNames && !used.length) throw validation('ExpressionAttributeNames can only be specified when using expressions');
  if (d.ExpressionAttributeValues && valueUsers.every((k) => exprs[k] === undefined)) {
    throw validation(
      `ExpressionAttributeValues can only be specified when using expressions: ${valueUsers.join(' and ')} ${valueUsers.length > 1 ? 'are' : 'is'} null`,
    );
  }
  const ctx = new ExprContext(d.ExpressionAttributeNames, d.ExpressionAttributeValues);
  for (const [key, value] of Object.entries(d.ExpressionAttributeValues ?? {})) {
    const msg = checkAttributeMap({ [key]: value });
    if (msg) throw validation(`ExpressionAttributeValues contains invalid value: ${msg} for key ${key}`);
  }
  return ctx;
}

/** "Can not use both expression and non-expression parameters" when a request mixes them. */
export function rejectMixed(d: object, expressions: string[], legacy: string[]): void {
  const data = d as Record<string, unknown>;
  const exprs = expressions.filter((k) => data[k] !== undefined);
  const olds = legacy.filter((k) => data[k] !== undefined);
  if (exprs.length && olds.length) {
    throw validation(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${olds.join(', ')}} Expression parameters: {${exprs.join(', ')}}`,
    );
  }
}
