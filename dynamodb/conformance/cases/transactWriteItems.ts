// TransactWriteItems expectations. Sources: the API reference (1..100 actions, one action per
// item, required members, cancellation reasons) and dynalite test/transactWriteItem.js. The
// transaction tests came to dynalite from a contributor's fork and disagree with the API
// reference in places (25 actions, duplicate items cancelled, only Key required); for those
// the API reference wins.

import { awsRef, type Case, dynalite, err, HASH_TABLE, notFound, validation } from '../harness.ts';

const src = (test: string) => dynalite('transactWriteItem.js', `should return ${test}`);
const op = 'TransactWriteItems';
const put = (a: string, table = HASH_TABLE) => ({ Put: { TableName: table, Item: { a: { S: a } } } });

export const transactWriteItems: Case[] = [
  {
    id: `${op}: empty body`,
    op,
    input: {},
    expect: validation("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null"),
    source: src('ValidationException for empty body'),
  },
  {
    id: `${op}: empty TransactItems`,
    op,
    input: { TransactItems: [] },
    expect: validation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    source: src('ValidationException for empty TransactItems'),
  },
  {
    id: `${op}: Put without TableName and Item`,
    op,
    input: { TransactItems: [{ Put: {} }] },
    // Both members are required (API_Put); the order of the two errors is AWS's own, so any.
    expect: validation(
      /^2 validation errors detected: (?=.*Value null at 'transactItems\.1\.member\.put\.item' failed to satisfy constraint: Member must not be null)(?=.*Value null at 'transactItems\.1\.member\.put\.tableName' failed to satisfy constraint: Member must not be null)/,
    ),
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Put.html (Item and TableName required)',
  },
  {
    id: `${op}: 101 actions`,
    op,
    input: { TransactItems: Array.from({ length: 101 }, (_, i) => put(String(i))) },
    expect: validation(/Member must have length less than or equal to 100/),
    source: `${awsRef('TransactWriteItems')} (TransactItems: maximum 100 items)`,
  },
  {
    id: `${op}: 100 actions reach the table lookup`,
    op,
    input: { TransactItems: Array.from({ length: 100 }, (_, i) => put(String(i), 'no-such-table')) },
    expect: notFound(),
    source: `${awsRef('TransactWriteItems')}; ${src('ResourceNotFoundException when fetching exactly 25 items and table does not exist')}`,
  },
  {
    id: `${op}: two actions on one item`,
    op,
    input: { TransactItems: [put('twice'), { Delete: { TableName: HASH_TABLE, Key: { a: { S: 'twice' } } } }] },
    expect: validation('Transaction request cannot include multiple operations on one item'),
    source: `${awsRef('TransactWriteItems')} ("you can't target the same item with multiple operations within the same transaction"; the text is what DynamoDB answers)`,
  },
  {
    id: `${op}: missing table is checked before duplicate keys`,
    op,
    input: { TransactItems: [{ Delete: { TableName: 'no-such-table', Key: { a: { S: '1' } } } }, put('1', 'no-such-table')] },
    expect: notFound(),
    source: src('check table exists first before checking for duplicate keys'),
  },
  {
    id: `${op}: item too large after the update`,
    op,
    input: {
      TransactItems: [
        {
          Update: {
            TableName: HASH_TABLE,
            Key: { a: { S: 'big' } },
            UpdateExpression: 'SET b = :b, c = :c',
            ExpressionAttributeValues: { ':b': { S: 'a'.repeat(400 * 1024 - 1) }, ':c': { N: '1'.repeat(38) + '0'.repeat(88) } },
          },
        },
      ],
    },
    expect: err('TransactionCanceledException', 'Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]'),
    // dynalite's fork expects a plain ValidationException; the API reference lists an item
    // growing past 400 KB among the reasons a transaction is cancelled (code ValidationError).
    source: `${awsRef('TransactWriteItems')} (TransactionCanceledException: "An item size becomes too large (bigger than 400 KB)")`,
  },
];
