// BatchWriteItem expectations. Source: dynalite test/batchWriteItem.js ("validations") and the
// API reference (25 requests at most, no duplicate keys).

import { awsRef, type Case, dynalite, HASH_TABLE, INVALID, notFound, validation } from '../harness.ts';
import { EMPTY_VALUE } from './common.ts';

const src = (test: string) => dynalite('batchWriteItem.js', `should return ${test}`);
const op = 'BatchWriteItem';
const KEYS_CONSTRAINT =
  "Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";
const VALUES_CONSTRAINT = 'Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const puts = (n: number) =>
  Array.from({ length: n }, (_, i) => (i % 2 ? { DeleteRequest: { Key: { a: { S: String(i) } } } } : { PutRequest: { Item: { a: { S: String(i) } } } }));

export const batchWriteItem: Case[] = [
  {
    id: `${op}: empty body`,
    op,
    input: {},
    expect: validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null"),
    source: src('ValidationException for empty body'),
  },
  {
    id: `${op}: bad enums without RequestItems`,
    op,
    input: { ReturnConsumedCapacity: 'hi', ReturnItemCollectionMetrics: 'hi' },
    expect: validation(
      "3 validation errors detected: Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; " +
        "Value 'hi' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]; " +
        "Value null at 'requestItems' failed to satisfy constraint: Member must not be null",
    ),
    source: src('ValidationException for missing RequestItems'),
  },
  {
    id: `${op}: empty RequestItems`,
    op,
    input: { RequestItems: {} },
    expect: validation("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    source: src('ValidationException for empty RequestItems'),
  },
  {
    id: `${op}: short table name with an empty list`,
    op,
    input: { RequestItems: { a: [] } },
    expect: validation(
      new RegExp(
        `^2 validation errors detected: Value '\\{.+\\}' at 'requestItems' failed to satisfy constraint: ${escape(KEYS_CONSTRAINT)}; ` +
          `Value '\\{.+\\}' at 'requestItems' failed to satisfy constraint: ${escape(VALUES_CONSTRAINT)}$`,
      ),
    ),
    source: src('ValidationException for empty list in RequestItems'),
  },
  {
    id: `${op}: 26 requests`,
    op,
    input: { RequestItems: { abc: puts(26) } },
    expect: validation(new RegExp(`^1 validation error detected: Value '\\{.+\\}' at 'requestItems' failed to satisfy constraint: ${escape(VALUES_CONSTRAINT)}$`)),
    source: `${src('ValidationException when putting more than 25 items')}; ${awsRef('BatchWriteItem')}`,
  },
  { id: `${op}: 25 requests reach the table lookup`, op, input: { RequestItems: { abc: puts(25) } }, expect: notFound(), source: src('ResourceNotFoundException when fetching exactly 25 items and table does not exist') },
  {
    id: `${op}: request with neither put nor delete`,
    op,
    input: { RequestItems: { abc: [{}] } },
    // Sic: DynamoDB reuses the "more than one datatypes" text for an empty WriteRequest.
    expect: validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'),
    source: src('ValidationException for empty item in RequestItems'),
  },
  {
    id: `${op}: empty attribute value`,
    op,
    input: { RequestItems: { abc: [{ PutRequest: { Item: { a: {} } } }] } },
    expect: validation(EMPTY_VALUE),
    source: src('ValidationException for empty key type'),
    raw: 'the SDK cannot send an AttributeValue with no member',
  },
  {
    id: `${op}: NULL false`,
    op,
    input: { RequestItems: { abc: [{ PutRequest: { Item: { a: { NULL: false } } } }] } },
    expect: validation(`${INVALID}Null attribute value types must have the value of true`),
    source: src('ValidationException for false null'),
  },
  {
    id: `${op}: put and delete of the same key`,
    op,
    input: { RequestItems: { [HASH_TABLE]: [{ PutRequest: { Item: { a: { S: 'dup' }, c: { S: 'c' } } } }, { DeleteRequest: { Key: { a: { S: 'dup' } } } }] } },
    expect: validation('Provided list of item keys contains duplicates'),
    source: `${src('ValidationException for puts and deletes of the same item with put first')}; ${awsRef('BatchWriteItem')}`,
  },
];
