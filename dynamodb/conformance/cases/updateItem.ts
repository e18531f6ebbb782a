// UpdateItem expectations. Source: dynalite test/updateItem.js ("validations").

import { type Case, dynalite, INVALID, validation } from '../harness.ts';
import { detected, EMPTY_VALUE, MULTIPLE_TYPES, notNull, tableNameCases } from './common.ts';

const src = (test: string) => dynalite('updateItem.js', `should return ${test}`);
const op = 'UpdateItem';

export const updateItem: Case[] = [
  { id: `${op}: no TableName`, op, input: {}, expect: validation(detected([notNull('tableName'), notNull('key')])), source: src('ValidationException for no TableName') },
  // Empty and short names list their two TableName errors in either order (dynalite accepts both).
  ...tableNameCases(['key'])
    .filter((t) => t.what === 'long TableName')
    .map((t): Case => ({ id: `${op}: ${t.what}`, op, input: t.input, expect: validation(t.message), source: src(`ValidationException for ${t.what}`) })),
  {
    id: `${op}: bad enums and table name together`,
    op,
    input: { TableName: 'abc;', ReturnConsumedCapacity: 'hi', ReturnItemCollectionMetrics: 'hi', ReturnValues: 'hi' },
    expect: validation(
      detected([
        "Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
        "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        "Value 'hi' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]",
        "Value 'hi' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
        notNull('key'),
      ]),
    ),
    source: src('ValidationException for incorrect attributes'),
  },
  {
    id: `${op}: expression and non-expression parameters mixed`,
    op,
    input: {
      TableName: 'abc',
      Key: { a: {} },
      Expected: { a: {} },
      AttributeUpdates: {},
      ExpressionAttributeNames: {},
      ExpressionAttributeValues: {},
      ConditionExpression: '',
      UpdateExpression: '',
    },
    expect: validation(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}',
    ),
    source: src('ValidationException if expression and non-expression'),
    raw: 'the SDK cannot send an AttributeValue with no member',
  },
  {
    id: `${op}: ExpressionAttributeNames without expressions`,
    op,
    input: { TableName: 'abc', Key: { a: {} }, Expected: { a: {} }, ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    expect: validation('ExpressionAttributeNames can only be specified when using expressions'),
    source: src('ValidationException if ExpressionAttributeNames but no ConditionExpression'),
    raw: 'the SDK cannot send an AttributeValue with no member',
  },
  {
    id: `${op}: ExpressionAttributeValues without expressions`,
    op,
    input: { TableName: 'abc', Key: { a: {} }, Expected: { a: {} }, ExpressionAttributeValues: {} },
    expect: validation('ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null'),
    source: src('ValidationException if ExpressionAttributeValues but no ConditionExpression'),
    raw: 'the SDK cannot send an AttributeValue with no member',
  },
  {
    id: `${op}: empty value inside a list key`,
    op,
    input: { TableName: 'abc', Key: { a: { L: [{}] } }, ConditionExpression: '', UpdateExpression: '', ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    expect: validation(EMPTY_VALUE),
    source: src('ValidationException for unsupported datatype in Key'),
    raw: 'the SDK cannot send an AttributeValue with no member',
  },
  { id: `${op}: two data types in Key`, op, input: { TableName: 'abc', Key: { a: { S: 'a', N: '1' } } }, expect: validation(MULTIPLE_TYPES), source: src('ValidationException for multiple datatypes in Key'), raw: 'the SDK sends only one member of a union' },
  {
    id: `${op}: empty number set in Key`,
    op,
    input: { TableName: 'abc', Key: { a: { NS: [] } }, Expected: { a: {} }, AttributeUpdates: { a: { x: 'whatever' } } },
    expect: validation(`${INVALID}An number set  may not be empty`),
    source: src('ValidationException for invalid values in Key'),
    raw: 'the SDK drops unknown members',
  },
  {
    id: `${op}: AttributeUpdates action without a value`,
    op,
    input: { TableName: 'abc', Key: {}, Expected: { a: {} }, AttributeUpdates: { a: { x: 'whatever' } } },
    expect: validation(`${INVALID}Only DELETE action is allowed when no attribute value is specified`),
    source: src('ValidationException if update has no value'),
    raw: 'the SDK drops unknown members',
  },
  ...[{ S: '1' }, { N: '1' }, { BOOL: true }, { M: {} }].map(
    (v): Case => ({
      id: `${op}: AttributeUpdates DELETE with a ${Object.keys(v)[0]} value`,
      op,
      input: { TableName: 'abc', Key: {}, AttributeUpdates: { a: { Action: 'DELETE', Value: v } } },
      expect: validation(`${INVALID}DELETE action with value is not supported for the type ${Object.keys(v)[0]}`),
      source: src('ValidationException if trying to delete incorrect types'),
    }),
  ),
  ...[{ S: '1' }, { NULL: true }, { BOOL: true }, { M: {} }].map(
    (v): Case => ({
      id: `${op}: AttributeUpdates ADD with a ${Object.keys(v)[0]} value`,
      op,
      input: { TableName: 'abc', Key: {}, AttributeUpdates: { a: { Action: 'ADD', Value: v } } },
      expect: validation(`${INVALID}ADD action is not supported for the type ${Object.keys(v)[0]}`),
      source: src('ValidationException if trying to add incorrect types'),
    }),
  ),
  { id: `${op}: Expected with no Value and no Exists`, op, input: { TableName: 'abc', Key: {}, Expected: { a: {} } }, expect: validation(`${INVALID}Value must be provided when Exists is null for Attribute: a`), source: src('ValidationException if no value and no exists') },
  {
    id: `${op}: empty ExpressionAttributeNames`,
    op,
    input: { TableName: 'abc', Key: {}, ExpressionAttributeNames: {}, ExpressionAttributeValues: {}, ConditionExpression: '', UpdateExpression: '' },
    expect: validation('ExpressionAttributeNames must not be empty'),
    source: src('ValidationException for empty ExpressionAttributeNames'),
  },
  {
    id: `${op}: ExpressionAttributeNames key without #`,
    op,
    input: { TableName: 'abc', Key: {}, ExpressionAttributeNames: { a: 'a' }, ExpressionAttributeValues: {}, ConditionExpression: '', UpdateExpression: '' },
    expect: validation('ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'),
    source: src('ValidationException for invalid ExpressionAttributeNames'),
  },
];
