// Query expectations. Source: dynalite test/query.js ("validations"), legacy KeyConditions
// forms included because DynamoDB still serves them.

import { type Case, dynalite, HASH_TABLE, INVALID, RANGE_TABLE, validation } from '../harness.ts';
import { detected, LONG_NAME } from './common.ts';

const src = (test: string) => dynalite('query.js', `should return ${test}`);
const op = 'Query';
const eq = (v: string) => ({ ComparisonOperator: 'EQ', AttributeValueList: [{ S: v }] });
const ARG_COUNT = 'The attempted filter operation is not supported for the provided filter argument count';

const q = (id: string, input: Record<string, unknown>, message: string, test: string): Case => ({
  id: `${op}: ${id}`,
  op,
  input,
  expect: validation(message),
  source: src(test),
  ...(message.startsWith('Query condition missed') ? { note: 'legacy KeyConditions; a KeyConditionExpression gets "...element: <name>" with a colon' } : {}),
});

const anyOrder = (c: Case): Case => ({ ...c, expect: { ...(c.expect as { error: string; message: string }), anyOrder: true } });

export const query: Case[] = [
  q('no TableName', {}, detected(["Value null at 'tableName' failed to satisfy constraint: Member must not be null"]), 'ValidationException for no TableName'),
  q(
    'empty IndexName',
    { TableName: 'abc', IndexName: '' },
    detected([
      "Value '' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      "Value '' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    ]),
    'ValidationException for empty IndexName',
  ),
  q(
    'long IndexName',
    { TableName: 'abc', IndexName: LONG_NAME },
    detected([`Value '${LONG_NAME}' at 'indexName' failed to satisfy constraint: Member must have length less than or equal to 255`]),
    'ValidationException for long IndexName',
  ),
  // The eight violations are listed in DynamoDB's internal hash order, which nothing documents:
  // count and members must match, the order may differ (see Expectation.anyOrder).
  anyOrder(q(
    'eight constraint violations together',
    {
      TableName: 'abc;',
      ReturnConsumedCapacity: 'hi',
      AttributesToGet: [],
      IndexName: 'abc;',
      Select: 'hi',
      Limit: -1,
      KeyConditions: { a: {}, b: { ComparisonOperator: '' } },
    },
    detected([
      "Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      "Value '' at 'keyConditions.b.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]",
      "Value null at 'keyConditions.a.member.comparisonOperator' failed to satisfy constraint: Member must not be null",
      "Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
      "Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
      "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      "Value 'hi' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
      "Value 'abc;' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    ]),
    'ValidationException for incorrect attributes',
  )),

  {
    // dynalite's test still expects the older "Conditions must not be null"; its implementation
    // (validations/query.js) answers the text DynamoDB uses today.
    ...q(
      'no key condition at all',
      { TableName: 'abc' },
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
      'ValidationException for null conditions',
    ),
    source: 'dynalite validations/query.js (current text; test/query.js "should return ValidationException for null conditions" has the older one)',
  },
  q('empty KeyConditions', { TableName: 'abc', KeyConditions: {} }, 'Conditions can be of length 1 or 2 only', 'ValidationException for empty conditions'),
  q(
    'three KeyConditions',
    { TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'EQ' }, b: { ComparisonOperator: 'NULL' }, c: { ComparisonOperator: 'NULL' } } },
    ARG_COUNT,
    'ValidationException for incorrect number of filter arguments',
  ),
  q('NULL with an argument', { TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'NULL', AttributeValueList: [{ S: 'a' }] } } }, ARG_COUNT, 'ValidationException for 1 arg to NULL'),
  q('NE without arguments', { TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'NE' } } }, ARG_COUNT, 'ValidationException for 0 args to NE'),
  q('LT with two arguments', { TableName: 'abc', KeyConditions: { a: { ComparisonOperator: 'LT', AttributeValueList: [{ S: 'a' }, { S: 'a' }] } } }, ARG_COUNT, 'ValidationException for 2 args to LT'),
  q(
    'CONTAINS on the hash key',
    { TableName: HASH_TABLE, KeyConditions: { a: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'a' }] } } },
    'Attempted conditional constraint is not an indexable operation',
    'ValidationException if querying with CONTAINS',
  ),
  q(
    'BEGINS_WITH on the hash key',
    { TableName: HASH_TABLE, KeyConditions: { a: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'a' }] } } },
    'Query key condition not supported',
    'ValidationException if querying with BEGINS_WITH',
  ),
  q(
    'condition on a non-key attribute of a hash table',
    { TableName: HASH_TABLE, KeyConditions: { a: eq('x'), b: eq('y') } },
    'Query key condition not supported',
    'ValidationException if querying hash table with extra param',
  ),
  q(
    'empty ExclusiveStartKey',
    { TableName: RANGE_TABLE, ExclusiveStartKey: {}, KeyConditions: { a: { ComparisonOperator: 'NULL' } } },
    'The provided starting key is invalid',
    'ValidationException for empty ExclusiveStartKey',
  ),
  q(
    'ExclusiveStartKey missing the range key',
    { TableName: RANGE_TABLE, ExclusiveStartKey: { a: { S: 'a' } }, KeyConditions: { a: eq('a') } },
    'The provided starting key is invalid',
    'ValidationException for ExclusiveStartKey missing range key',
  ),
  q(
    'ExclusiveStartKey of another partition',
    { TableName: RANGE_TABLE, ExclusiveStartKey: { a: { S: 'b' }, b: { S: 'a' } }, KeyConditions: { a: eq('a') } },
    'The provided starting key is outside query boundaries based on provided conditions',
    'ValidationException for ExclusiveStartKey with incorrect hash key',
  ),
  q(
    'ExclusiveStartKey outside the range condition',
    { TableName: RANGE_TABLE, ExclusiveStartKey: { a: { S: 'a' }, b: { S: 'a' } }, KeyConditions: { a: eq('a'), b: { ComparisonOperator: 'GT', AttributeValueList: [{ S: 'a' }] } } },
    'The provided starting key does not match the range key predicate',
    'ValidationException for ExclusiveStartKey with incorrect range key',
  ),
  q('no hash key condition', { TableName: RANGE_TABLE, KeyConditions: { c: { ComparisonOperator: 'NULL' } } }, 'Query condition missed key schema element a', 'ValidationException for no hash key'),
  q(
    'condition on a non-key attribute of a range table',
    { TableName: RANGE_TABLE, KeyConditions: { a: eq('a'), c: { ComparisonOperator: 'NULL' } } },
    'Query condition missed key schema element b',
    'ValidationException for missing index name',
  ),
  q(
    'GSI queried by the table hash key',
    { TableName: RANGE_TABLE, IndexName: 'index3', KeyConditions: { a: eq('a') } },
    'Query condition missed key schema element c',
    'ValidationException for querying global index with incorrect schema',
  ),
  {
    ...q(
      'unknown index',
      { TableName: RANGE_TABLE, IndexName: 'whatever', KeyConditions: { a: eq('a'), c: { ComparisonOperator: 'NULL' } } },
      'The table does not have the specified index: whatever',
      'ValidationException for non-existent index name',
    ),
    // query.js records the text without the index name; scan.js (recorded later) has it.
    source: `${src('ValidationException for non-existent index name')}; dynalite test/scan.js: "should return ValidationException if unknown index and bad ExclusiveStartKey in hash table"`,
  },
  q(
    'LSI queried by another LSI key',
    { TableName: RANGE_TABLE, IndexName: 'index2', KeyConditions: { a: eq('a'), c: { ComparisonOperator: 'NULL' } } },
    'Query condition missed key schema element d',
    'ValidationException for incorrect index',
  ),
  q(
    'ConsistentRead on a GSI',
    { TableName: RANGE_TABLE, IndexName: 'index3', ConsistentRead: true, KeyConditions: { c: { ComparisonOperator: 'NULL' } } },
    'Consistent reads are not supported on global secondary indexes',
    'ValidationException for querying global index with ConsistentRead',
  ),
  q(
    'ALL_ATTRIBUTES from a KEYS_ONLY GSI',
    { TableName: RANGE_TABLE, IndexName: 'index4', Select: 'ALL_ATTRIBUTES', KeyConditions: { c: eq('a') } },
    `${INVALID}Select type ALL_ATTRIBUTES is not supported for global secondary index index4 because its projection type is not ALL`,
    'ValidationException for specifying ALL_ATTRIBUTES when global index does not have ALL',
  ),
  {
    id: `${op}: empty result has Count and Items`,
    op,
    input: { TableName: HASH_TABLE, KeyConditions: { a: eq('nothing-here') } },
    expect: {
      ok: true,
      check: (out) => (out.Count === 0 && Array.isArray(out.Items) && out.Items.length === 0 ? undefined : `got Count ${String(out.Count)}, Items ${JSON.stringify(out.Items)}`),
    },
    source: dynalite('query.js', 'should query a hash table when empty'),
  },
];
