// CreateTable expectations. Source: dynalite test/createTable.js ("validations"). Left out:
// its cases that require ProvisionedThroughput (optional since BillingMode PAY_PER_REQUEST).

import { type Case, dynalite, INVALID, validation } from '../harness.ts';
import { LONG_NAME } from './common.ts';

const src = (test: string) => dynalite('createTable.js', `should return ${test}`);
const op = 'CreateTable';
const PT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
const S = (n: string) => ({ AttributeName: n, AttributeType: 'S' });
const H = (n: string) => ({ KeyType: 'HASH', AttributeName: n });
const R = (n: string) => ({ KeyType: 'RANGE', AttributeName: n });

const c = (id: string, input: Record<string, unknown>, message: string, test: string, note?: string): Case => ({
  id: `${op}: ${id}`,
  op,
  input,
  expect: validation(message),
  source: src(`ValidationException for ${test}`),
  ...(note ? { note } : {}),
});

// The TableName-specific texts were recorded before TableName also accepted table ARNs (2024);
// the "required" text is the one dynalite's current test and validations/index.js use (its
// older test spelled "paramater 'tableName'").
const OLD_NAME_TEXT = 'recorded by dynalite before TableName accepted ARNs; today\'s text may differ';

export const createTable: Case[] = [
  c('no TableName', {}, "The parameter 'TableName' is required but was not present in the request", 'no TableName', OLD_NAME_TEXT),
  c('empty TableName', { TableName: '' }, 'TableName must be at least 3 characters long and at most 255 characters long', 'empty TableName', OLD_NAME_TEXT),
  c('long TableName', { TableName: LONG_NAME }, 'TableName must be at least 3 characters long and at most 255 characters long', 'long TableName', OLD_NAME_TEXT),
  c(
    'negative capacity and empty key schema',
    { TableName: 'abc', AttributeDefinitions: [], KeySchema: [], ProvisionedThroughput: { ReadCapacityUnits: -1, WriteCapacityUnits: -1 } },
    "3 validation errors detected: Value '-1' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value '-1' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    'low ProvisionedThroughput.WriteCapacityUnits',
  ),
  c(
    'read capacity out of bounds',
    { TableName: 'abc', AttributeDefinitions: [], KeySchema: [H('a')], ProvisionedThroughput: { ReadCapacityUnits: 1000000000001, WriteCapacityUnits: 1000000000001 } },
    'Given value 1000000000001 for ReadCapacityUnits is out of bounds',
    'high ProvisionedThroughput.ReadCapacityUnits',
  ),
  c(
    'write capacity out of bounds',
    { TableName: 'abc', AttributeDefinitions: [], KeySchema: [H('a')], ProvisionedThroughput: { ReadCapacityUnits: 1000000000000, WriteCapacityUnits: 1000000000001 } },
    'Given value 1000000000001 for WriteCapacityUnits is out of bounds',
    'high ProvisionedThroughput.WriteCapacityUnits',
  ),
  c(
    'attribute type SS',
    { TableName: 'abc', AttributeDefinitions: [{ AttributeName: 'b', AttributeType: 'SS' }], KeySchema: [H('a'), H('a')], ProvisionedThroughput: PT },
    "1 validation error detected: Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]",
    'SS in attr definition',
  ),
  c(
    'two HASH keys',
    { TableName: 'abc', AttributeDefinitions: [S('a')], KeySchema: [H('a'), H('a')], ProvisionedThroughput: PT },
    'Invalid KeySchema: Some index key attribute have no definition',
    'missing key attr definition when double and same',
  ),
  c(
    'undefined key attribute',
    { TableName: 'abc', AttributeDefinitions: [S('b')], KeySchema: [H('a')], ProvisionedThroughput: PT },
    `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]`,
    'missing key attr definition',
  ),
  c(
    'hash and range of the same name',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [H('a'), H('a')], ProvisionedThroughput: PT },
    'Both the Hash Key and the Range Key element in the KeySchema have the same name',
    '5',
  ),
  c(
    'second key not RANGE',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [H('a'), H('b')], ProvisionedThroughput: PT },
    'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
    '6',
  ),
  c(
    'first key not HASH',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [R('a'), H('b')], ProvisionedThroughput: PT },
    'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    '7',
  ),
  c(
    'unused attribute definition',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('c'), S('b')], KeySchema: [H('a'), R('b')], ProvisionedThroughput: PT },
    `${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`,
    '9',
  ),
  c(
    'empty LocalSecondaryIndexes',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [H('a')], LocalSecondaryIndexes: [], ProvisionedThroughput: PT },
    `${INVALID}List of indexes is empty`,
    '11',
  ),
  c(
    'LSI without range key',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [H('a'), R('b')], LocalSecondaryIndexes: [{ IndexName: 'abc', KeySchema: [H('b')], Projection: {} }], ProvisionedThroughput: PT },
    `${INVALID}Index KeySchema does not have a range key for index: abc`,
    '17',
  ),
  c(
    'LSI with another hash key',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [H('a'), R('b')], LocalSecondaryIndexes: [{ IndexName: 'abc', KeySchema: [H('b'), R('a')], Projection: {} }], ProvisionedThroughput: PT },
    `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: abc. index hash key: b, table hash key: a`,
    '18',
  ),
  c(
    'LSI without ProjectionType',
    { TableName: 'abc', AttributeDefinitions: [S('a'), S('b')], KeySchema: [H('a'), R('b')], LocalSecondaryIndexes: [{ IndexName: 'abc', KeySchema: [H('a'), R('b')], Projection: {} }], ProvisionedThroughput: PT },
    `${INVALID}Unknown ProjectionType: null`,
    '21',
  ),
  c(
    'LSI with a bad ProjectionType and empty NonKeyAttributes',
    {
      TableName: 'abc',
      AttributeDefinitions: [S('a'), S('b')],
      KeySchema: [H('a'), R('b')],
      LocalSecondaryIndexes: [{ IndexName: 'abc', KeySchema: [H('a'), R('b')], Projection: { NonKeyAttributes: [], ProjectionType: 'abc' } }],
      ProvisionedThroughput: PT,
    },
    "2 validation errors detected: Value 'abc' at 'localSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]; " +
      "Value '[]' at 'localSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1",
    '22',
  ),
];
