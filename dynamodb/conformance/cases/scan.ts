// Scan expectations. Source: dynalite test/scan.js ("validations").

import { type Case, dynalite, HASH_TABLE, INVALID, RANGE_TABLE, validation } from '../harness.ts';

const src = (test: string) => dynalite('scan.js', `should return ${test}`);
const op = 'Scan';

const s = (id: string, input: Record<string, unknown>, message: string | RegExp, test: string, raw?: string): Case => ({
  id: `${op}: ${id}`,
  op,
  input,
  expect: validation(message),
  source: src(test),
  ...(raw ? { raw } : {}),
});

export const scan: Case[] = [
  s(
    'Segment without TotalSegments',
    { TableName: 'abc', Segment: 1, FilterExpression: '', ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
    'ValidationException for missing TotalSegments',
  ),
  s(
    'TotalSegments without Segment',
    { TableName: 'abc', TotalSegments: 1, FilterExpression: '', ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
    'ValidationException for missing Segment',
  ),
  s(
    'Segment not below TotalSegments',
    { TableName: 'abc', Segment: 1, TotalSegments: 1, FilterExpression: '', ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 1 is not less than TotalSegments: 1',
    'ValidationException for Segment more than TotalSegments',
  ),
  s(
    'empty ExpressionAttributeNames',
    { TableName: 'abc', FilterExpression: '', ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    'ExpressionAttributeNames must not be empty',
    'ValidationException for empty ExpressionAttributeNames',
  ),
  s(
    'ExpressionAttributeNames key without #',
    { TableName: 'abc', FilterExpression: '', ExpressionAttributeNames: { a: 'a' }, ExpressionAttributeValues: {} },
    'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"',
    'ValidationException for invalid ExpressionAttributeNames',
  ),
  s('empty ExpressionAttributeValues', { TableName: 'abc', FilterExpression: '', ExpressionAttributeValues: {} }, 'ExpressionAttributeValues must not be empty', 'ValidationException for empty ExpressionAttributeValues'),
  s(
    'ExpressionAttributeValues key without :',
    { TableName: 'abc', FilterExpression: '', ExpressionAttributeValues: { a: { S: 'b' } } },
    'ExpressionAttributeValues contains invalid key: Syntax error; key: "a"',
    'ValidationException for invalid ExpressionAttributeValues',
  ),
  s(
    'empty FilterExpression',
    { TableName: 'abc', FilterExpression: '', ProjectionExpression: '', ExpressionAttributeValues: { ':0': { S: 'b' } } },
    'Invalid FilterExpression: The expression can not be empty;',
    'ValidationException for empty FilterExpression',
  ),
  s('empty ProjectionExpression', { TableName: 'abc', FilterExpression: 'a > b', ProjectionExpression: '' }, 'Invalid ProjectionExpression: The expression can not be empty;', 'ValidationException for empty ProjectionExpression'),
  ...['things are not gonna be ok', 'a > 4', 'attribute_exists(Pictures-RearView)', 'a in b, c', 'size(a).b > a'].map((expr) =>
    s(`syntax error in '${expr}'`, { TableName: 'abc', FilterExpression: expr }, /^Invalid FilterExpression: Syntax error; /, 'ValidationException for syntax errors'),
  ),
  s('redundant parentheses', { TableName: 'abc', FilterExpression: 'a=a and a > ((views))' }, 'Invalid FilterExpression: The expression has redundant parentheses;', 'ValidationException for redundant parentheses'),
  s(
    'unknown function',
    { TableName: 'abc', FilterExpression: 'a=a and whatever((:things)) > a' },
    'Invalid FilterExpression: Invalid function name; function: whatever',
    'ValidationException for invalid function names',
  ),
  s(
    'function used as an operand of a comparison',
    { TableName: 'abc', FilterExpression: 'attribute_not_exists(things) > b' },
    'Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_not_exists',
    'ValidationException for functions used incorrectly',
  ),
  s(
    'reserved word',
    { TableName: 'abc', FilterExpression: ':a < abOrT' },
    'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT',
    'ValidationException for reserved keywords',
  ),
  s(
    'undefined expression attribute name',
    { TableName: 'abc', FilterExpression: '#4g > a' },
    'Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #4g',
    'ValidationException for missing attribute names',
  ),
  s(
    'undefined expression attribute value',
    { TableName: 'abc', FilterExpression: ':a < :b' },
    'Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :a',
    'ValidationException for missing attribute values',
  ),
  s(
    'wrong operand count',
    { TableName: 'abc', FilterExpression: 'size(things, a) > b' },
    'Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2',
    'ValidationException for functions with incorrect operands',
  ),
  {
    ...s(
      'begins_with on a number',
      { TableName: 'abc', FilterExpression: 'begins_with(a, :a)', ExpressionAttributeValues: { ':a': { N: '1' } } },
      'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
      'ValidationException for functions with incorrect operand type',
    ),
  },
  s(
    'attribute_exists on a value',
    { TableName: 'abc', FilterExpression: 'attribute_exists(:a) and a=a', ExpressionAttributeValues: { ':a': { S: '1' } } },
    'Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists',
    'ValidationException for functions with attr values instead of paths',
  ),
  s(
    'comparison of a path with itself',
    { TableName: 'abc', FilterExpression: '#a <> a', ExpressionAttributeNames: { '#a': 'a' } },
    'Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]',
    'ValidationException for non-distinct expressions',
  ),
  s(
    'unknown index',
    { TableName: HASH_TABLE, IndexName: 'whatever', FilterExpression: 'attribute_exists(a.b.c)', ExclusiveStartKey: {} },
    'The table does not have the specified index: whatever',
    'ValidationException if unknown index and bad ExclusiveStartKey in hash table',
  ),
  s(
    'ExclusiveStartKey without the LSI key',
    { TableName: RANGE_TABLE, IndexName: 'index1', ExclusiveStartKey: { a: { S: 'a' }, b: { S: 'a' } } },
    'The provided starting key is invalid',
    'ValidationException if ExclusiveStartKey is invalid for local index',
  ),
  s(
    'legacy ScanFilter with too many arguments',
    { TableName: 'abc', ScanFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, { S: 'a' }] } } },
    `${INVALID}Invalid number of argument(s) for the EQ ComparisonOperator`,
    'ValidationException for incorrect number of ScanFilter arguments',
  ),
  s(
    'legacy ScanFilter LT on a BOOL',
    { TableName: 'abc', ScanFilter: { a: { ComparisonOperator: 'LT', AttributeValueList: [{ BOOL: true }] } } },
    `${INVALID}ComparisonOperator LT is not valid for BOOL AttributeValue type`,
    'ValidationException for invalid ComparisonOperator types',
  ),
];
