// PutItem expectations. Sources: dynalite test/putItem.js ("validations"), and AWS's
// NamingRulesDataTypes page for the 2020 rule that only key attributes refuse empty strings.

import { type Case, dynalite, HASH_TABLE, INVALID, notFound, RANGE_TABLE, validation } from '../harness.ts';
import { detected, EMPTY_VALUE, MULTIPLE_TYPES, notNull, NUMBER_CASES, tableNameCases } from './common.ts';

const src = (test: string) => dynalite('putItem.js', `should return ${test}`);
const op = 'PutItem';
const MAX = 400 * 1024;
const EMPTY_RULES = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes';

const legacy = (what: string, expected: Record<string, unknown>, message: string): Case => ({
  id: `${op}: Expected ${what}`,
  op,
  input: { TableName: 'aaa', Item: {}, Expected: expected },
  expect: validation(INVALID + message),
  source: src(`ValidationException ${what}`),
});

export const putItem: Case[] = [
  { id: `${op}: no TableName`, op, input: {}, expect: validation(detected([notNull('tableName'), notNull('item')])), source: src('ValidationException for no TableName') },
  ...tableNameCases(['item']).map(
    (t): Case => ({ id: `${op}: ${t.what}`, op, input: t.input, expect: validation(t.message), source: src(`ValidationException for ${t.what}`) }),
  ),
  {
    id: `${op}: bad enums and table name together`,
    op,
    input: { TableName: 'abc;', ReturnConsumedCapacity: 'hi', ReturnItemCollectionMetrics: 'hi', ReturnValues: 'hi' },
    // AWS lists the errors in its own (hash) order, not in the order of the request's members.
    expect: validation(
      detected([
        "Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
        "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        notNull('item'),
        "Value 'hi' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
        "Value 'hi' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]",
      ]),
    ),
    source: src('ValidationException for incorrect attributes'),
  },
  legacy('with no Value and no Exists', { a: {} }, 'Value must be provided when Exists is null for Attribute: a'),
  legacy('Exists true without Value', { a: { Exists: true } }, 'Value must be provided when Exists is true for Attribute: a'),
  legacy('Exists false with Value', { a: { Exists: false, Value: { S: 'a' } } }, 'Value cannot be used when Exists is false for Attribute: a'),
  legacy('ComparisonOperator alone', { a: { ComparisonOperator: 'LT' } }, 'Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a'),
  legacy('Exists with ComparisonOperator', { a: { Exists: true, ComparisonOperator: 'LT' } }, 'Exists and ComparisonOperator cannot be used together for Attribute: a'),
  legacy(
    'Value with AttributeValueList',
    { a: { AttributeValueList: [{ S: 'a' }], Value: { S: 'a' }, ComparisonOperator: 'LT' } },
    'Value and AttributeValueList cannot be used together for Attribute: a',
  ),
  legacy('AttributeValueList without ComparisonOperator', { a: { AttributeValueList: [{ S: 'a' }] } }, 'AttributeValueList can only be used with a ComparisonOperator for Attribute: a'),
  legacy('EQ with no arguments', { a: { AttributeValueList: [], ComparisonOperator: 'EQ' } }, 'Invalid number of argument(s) for the EQ ComparisonOperator'),
  legacy('NULL with one argument', { a: { AttributeValueList: [{ S: 'a' }], ComparisonOperator: 'NULL' } }, 'Invalid number of argument(s) for the NULL ComparisonOperator'),
  legacy(
    'BETWEEN with three arguments',
    { a: { AttributeValueList: [{ N: '1' }, { N: '10' }, { N: '12' }], ComparisonOperator: 'BETWEEN' } },
    'Invalid number of argument(s) for the BETWEEN ComparisonOperator',
  ),
  legacy('Value with BETWEEN', { a: { Value: { S: 'a' }, ComparisonOperator: 'BETWEEN' } }, 'Invalid number of argument(s) for the BETWEEN ComparisonOperator'),
  ...['UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'].map(
    (rv): Case => ({
      id: `${op}: ReturnValues ${rv}`,
      op,
      input: { TableName: 'abc', Item: {}, ReturnValues: rv },
      expect: validation('ReturnValues can only be ALL_OLD or NONE'),
      source: src('ValidationException for incorrect ReturnValues'),
    }),
  ),
  { id: `${op}: empty attribute value`, op, input: { TableName: 'abc', Item: { a: {} } }, expect: validation(EMPTY_VALUE), source: src('ValidationException for empty key type'), raw: 'the SDK cannot send an AttributeValue with no member' },
  { id: `${op}: unknown attribute type`, op, input: { TableName: 'abc', Item: { a: { a: '' } } }, expect: validation(EMPTY_VALUE), source: src('ValidationException for bad key type'), raw: 'the SDK drops unknown members' },
  { id: `${op}: two data types`, op, input: { TableName: 'abc', Item: { a: { S: 'a', N: '1' } } }, expect: validation(MULTIPLE_TYPES), source: src('ValidationException for multiple types'), raw: 'the SDK sends only one member of a union' },
  { id: `${op}: NULL false`, op, input: { TableName: 'abc', Item: { a: { NULL: false } } }, expect: validation(`${INVALID}Null attribute value types must have the value of true`), source: src('ValidationException for false null') },
  { id: `${op}: empty string set`, op, input: { TableName: 'abc', Item: { a: { SS: [] } } }, expect: validation(`${INVALID}An string set  may not be empty`), source: src('ValidationException for empty set key') },
  { id: `${op}: duplicate in string set`, op, input: { TableName: 'abc', Item: { a: { SS: ['a', 'a'] } } }, expect: validation(`${INVALID}Input collection [a, a] contains duplicates.`), source: src('ValidationException for duplicate string in set') },
  { id: `${op}: duplicate in number set`, op, input: { TableName: 'abc', Item: { a: { NS: ['1', '1'] } } }, expect: validation('Input collection contains duplicates'), source: src('ValidationException for duplicate number in set') },
  {
    id: `${op}: duplicate in binary set`,
    op,
    input: { TableName: 'abc', Item: { a: { BS: ['Yg==', 'Yg=='] } } },
    expect: validation(`${INVALID}Input collection [Yg==, Yg==]of type BS contains duplicates.`),
    source: src('ValidationException for duplicate binary in set'),
    raw: 'binary values given as base64 text',
  },
  { id: `${op}: empty number in set`, op, input: { TableName: 'abc', Item: { a: { NS: ['1', ''] } } }, expect: validation('The parameter cannot be converted to a numeric value'), source: src('ValidationException if key has empty numeric in set') },
  { id: `${op}: bad number in set`, op, input: { TableName: 'abc', Item: { a: { NS: ['1', 'b', 'a'] } } }, expect: validation('The parameter cannot be converted to a numeric value: b'), source: src('ValidationException if key has incorrect numeric type in set') },
  ...NUMBER_CASES.map(
    ([n, message]): Case => ({ id: `${op}: number '${n}'`, op, input: { TableName: 'aaa', Item: { a: { N: n } } }, expect: validation(message), source: src('ValidationException if trying to store large/huge/tiny number') }),
  ),
  {
    id: `${op}: item one byte over 400 KB`,
    op,
    input: { TableName: 'aaa', Item: { a: { S: 'k' }, b: { S: 'x'.repeat(MAX - 3 + 1) } } },
    expect: validation('Item size has exceeded the maximum allowed size'),
    source: src('ValidationException if item is too big with small attribute'),
  },
  {
    id: `${op}: item of exactly 400 KB reaches the table lookup`,
    op,
    input: { TableName: 'aaa', Item: { a: { S: 'k' }, b: { S: 'x'.repeat(MAX - 3) } } },
    expect: notFound(),
    source: src('ResourceNotFoundException if item is just small enough with small attribute'),
  },
  { id: `${op}: missing table`, op, input: { TableName: 'no-such-table', Item: {} }, expect: notFound(), source: src('ResourceNotFoundException if key is empty and table does not exist') },
  { id: `${op}: empty item`, op, input: { TableName: HASH_TABLE, Item: {} }, expect: validation(`${INVALID}Missing the key a in the item`), source: src('ValidationException if key is empty and table does exist') },
  { id: `${op}: item without the key`, op, input: { TableName: HASH_TABLE, Item: { b: { S: 'a' } } }, expect: validation(`${INVALID}Missing the key a in the item`), source: src('ValidationException if key has incorrect attributes') },
  ...(['N', 'SS', 'NS'] as const).map(
    (t): Case => ({
      id: `${op}: key of type ${t}`,
      op,
      input: { TableName: HASH_TABLE, Item: { a: t === 'N' ? { N: '1' } : { [t]: ['1'] } } },
      expect: validation(`${INVALID}Type mismatch for key a expected: S actual: ${t}`),
      source: src(`ValidationException if key is incorrect ${t} type`),
    }),
  ),
  { id: `${op}: missing range key`, op, input: { TableName: RANGE_TABLE, Item: { a: { S: 'a' } } }, expect: validation(`${INVALID}Missing the key b in the item`), source: src('ValidationException if missing range key') },
  {
    id: `${op}: index key of the wrong type`,
    op,
    input: { TableName: RANGE_TABLE, Item: { a: { S: 'a' }, b: { S: 'a' }, c: { N: '1' } } },
    // dynalite's range table has the same indexes as ours (index1..index4); AWS named index4.
    expect: validation(`${INVALID}Type mismatch for Index Key c Expected: S Actual: N IndexName: index4`),
    source: src('ValidationException if secondary index key is incorrect type'),
  },
  {
    id: `${op}: hash key over 2048 bytes`,
    op,
    input: { TableName: HASH_TABLE, Item: { a: { S: 'h'.repeat(2049) } } },
    expect: validation(`${INVALID}Size of hashkey has exceeded the maximum size limit of2048 bytes`),
    source: src('ValidationException if hash key is too big'),
  },
  {
    id: `${op}: range key over 1024 bytes`,
    op,
    input: { TableName: RANGE_TABLE, Item: { a: { S: 'a' }, b: { S: 'r'.repeat(1025) } } },
    expect: validation(`${INVALID}Aggregated size of all range keys has exceeded the size limit of 1024 bytes`),
    source: src('ValidationException if range key is too big'),
  },
  {
    id: `${op}: empty string as key`,
    op,
    input: { TableName: HASH_TABLE, Item: { a: { S: '' } } },
    expect: validation('One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: a'),
    source: `${EMPTY_RULES} (key attributes may not be empty; message as DynamoDB answers since empty non-key strings were allowed in 2020)`,
  },
  {
    id: `${op}: empty string as a secondary index key`,
    op,
    input: { TableName: RANGE_TABLE, Item: { a: { S: 'a' }, b: { S: 'a' }, c: { S: '' } } },
    // Indexes are reported as for the type mismatch above: global ones first, the last-defined first.
    expect: validation(
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: index4, IndexKey: c',
    ),
    source: 'messages from the real service quoted in https://github.com/architect/dynalite/issues/184 and https://github.com/danishi/dynamodb-csv/issues/41',
  },
  {
    id: `${op}: empty string in a non-key attribute is stored`,
    op,
    input: { TableName: HASH_TABLE, Item: { a: { S: 'empty-ok' }, b: { S: '' }, c: { M: { d: { S: '' } } } } },
    expect: { ok: true },
    source: EMPTY_RULES,
  },
];
