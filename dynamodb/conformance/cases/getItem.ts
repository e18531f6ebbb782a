// GetItem expectations. Source: dynalite test/getItem.js ("validations").

import { type Case, dynalite, HASH_TABLE, INVALID, notFound, RANGE_TABLE, validation } from '../harness.ts';
import { detected, EMPTY_VALUE, MULTIPLE_TYPES, notNull, NUMBER_CASES, tableNameCases } from './common.ts';

const src = (test: string) => dynalite('getItem.js', `should return ${test}`);
const op = 'GetItem';
const NO_MATCH = 'The provided key element does not match the schema';

const keyMismatch = (what: string, table: string, key: Record<string, unknown>): Case => ({
  id: `${op}: key ${what}`,
  op,
  input: { TableName: table, Key: key },
  expect: validation(NO_MATCH),
  source: src(`ValidationException if key ${what}`),
});

export const getItem: Case[] = [
  { id: `${op}: no TableName`, op, input: {}, expect: validation(detected([notNull('tableName'), notNull('key')])), source: src('ValidationException for no TableName') },
  ...tableNameCases(['key']).map(
    (t): Case => ({ id: `${op}: ${t.what}`, op, input: t.input, expect: validation(t.message), source: src(`ValidationException for ${t.what}`) }),
  ),
  {
    id: `${op}: bad enum, empty AttributesToGet and table name together`,
    op,
    input: { TableName: 'abc;', ReturnConsumedCapacity: 'hi', AttributesToGet: [] },
    expect: validation(
      detected([
        "Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
        "Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        notNull('key'),
      ]),
    ),
    source: src('ValidationException for incorrect attributes'),
  },
  { id: `${op}: empty attribute value`, op, input: { TableName: 'abc', Key: { a: {} } }, expect: validation(EMPTY_VALUE), source: src('ValidationException for empty key type'), raw: 'the SDK cannot send an AttributeValue with no member' },
  { id: `${op}: two data types`, op, input: { TableName: 'abc', Key: { a: { S: 'a', N: '1' } } }, expect: validation(MULTIPLE_TYPES), source: src('ValidationException for multiple types'), raw: 'the SDK sends only one member of a union' },
  { id: `${op}: NULL false`, op, input: { TableName: 'abc', Key: { a: { NULL: false } } }, expect: validation(`${INVALID}Null attribute value types must have the value of true`), source: src('ValidationException for false null') },
  { id: `${op}: duplicate in string set`, op, input: { TableName: 'abc', Key: { a: { SS: ['a', 'a'] } } }, expect: validation(`${INVALID}Input collection [a, a] contains duplicates.`), source: src('ValidationException for duplicate string in set') },
  ...NUMBER_CASES.map(
    ([n, message]): Case => ({ id: `${op}: number '${n}'`, op, input: { TableName: 'aaa', Key: { a: { N: n } } }, expect: validation(message), source: src('ValidationException if key has large/huge/tiny/incorrect numeric type') }),
  ),
  {
    id: `${op}: duplicate AttributesToGet`,
    op,
    input: { TableName: 'abc', Key: {}, AttributesToGet: ['a', 'a'] },
    expect: validation(`${INVALID}Duplicate value in attribute name: a`),
    source: src('ValidationException duplicate values in AttributesToGet'),
  },
  { id: `${op}: missing table`, op, input: { TableName: 'no-such-table', Key: {} }, expect: notFound(), source: src('ResourceNotFoundException if key is empty and table does not exist') },
  keyMismatch('is empty and table does exist', HASH_TABLE, {}),
  keyMismatch('has incorrect attributes', HASH_TABLE, { b: { S: 'a' } }),
  keyMismatch('has extra attributes', HASH_TABLE, { a: { S: 'a' }, b: { S: 'a' } }),
  keyMismatch('is incorrect numeric type', HASH_TABLE, { a: { N: '1' } }),
  keyMismatch('is incorrect string set type', HASH_TABLE, { a: { SS: ['a'] } }),
  keyMismatch('misses the range key', RANGE_TABLE, { a: { S: 'a' } }),
  {
    id: `${op}: hash key over 2048 bytes`,
    op,
    input: { TableName: HASH_TABLE, Key: { a: { S: 'h'.repeat(2049) } } },
    expect: validation(`${INVALID}Size of hashkey has exceeded the maximum size limit of2048 bytes`),
    source: src('ValidationException if hash key is too big'),
  },
  {
    id: `${op}: range key over 1024 bytes`,
    op,
    input: { TableName: RANGE_TABLE, Key: { a: { S: 'a' }, b: { S: 'r'.repeat(1025) } } },
    expect: validation(`${INVALID}Aggregated size of all range keys has exceeded the size limit of 1024 bytes`),
    source: src('ValidationException if range key is too big'),
  },
  {
    id: `${op}: missing item answers an empty body`,
    op,
    input: { TableName: HASH_TABLE, Key: { a: { S: 'never-written' } } },
    expect: { ok: true, check: (out) => ('Item' in out ? `unexpected Item ${JSON.stringify(out.Item)}` : undefined) },
    source: dynalite('getItem.js', 'should return empty response if key does not exist'),
  },
];
