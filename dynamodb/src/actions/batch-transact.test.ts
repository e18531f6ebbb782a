// BatchGetItem / BatchWriteItem / TransactWriteItems / TransactGetItems through the SDK:
// limits, duplicates, all-or-nothing, cancellation reasons in request order, idempotency
// tokens, and conflicts between concurrent transactions and plain writes.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
const c = () => t.client('bt');
const id = (n: number | string) => ({ id: { S: String(n) } });

beforeAll(async () => {
  t = await startTestServer();
  for (const TableName of ['Accounts', 'Audit']) {
    await c().send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }
});
afterAll(() => t.close());

describe('BatchWriteItem / BatchGetItem', () => {
  it('writes and reads across tables', async () => {
    await c().send(
      new BatchWriteItemCommand({
        RequestItems: {
          Accounts: [1, 2, 3].map((n) => ({ PutRequest: { Item: { ...id(n), balance: { N: '100' } } } })),
          Audit: [{ PutRequest: { Item: { ...id('a1'), what: { S: 'open' } } } }],
        },
      }),
    );
    await c().send(new BatchWriteItemCommand({ RequestItems: { Accounts: [{ DeleteRequest: { Key: id(3) } }] } }));
    const res = await c().send(
      new BatchGetItemCommand({
        RequestItems: { Accounts: { Keys: [id(1), id(2), id(3)], ProjectionExpression: 'id' }, Audit: { Keys: [id('a1')] } },
      }),
    );
    expect(res.Responses?.Accounts?.map((i) => i.id?.S).sort()).toEqual(['1', '2']);
    expect(res.Responses?.Audit?.[0]?.what).toEqual({ S: 'open' });
    expect(res.UnprocessedKeys).toEqual({});
  });

  it('rejects duplicate keys and oversize batches', async () => {
    let err = await errorOf(() =>
      c().send(new BatchWriteItemCommand({ RequestItems: { Accounts: [{ PutRequest: { Item: id(9) } }, { DeleteRequest: { Key: id(9) } }] } })),
    );
    expect(err.message).toBe('Provided list of item keys contains duplicates');
    err = await errorOf(() => c().send(new BatchGetItemCommand({ RequestItems: { Accounts: { Keys: [id(1), id(1)] } } })));
    expect(err.message).toBe('Provided list of item keys contains duplicates');
    err = await errorOf(() =>
      c().send(new BatchWriteItemCommand({ RequestItems: { Accounts: Array.from({ length: 26 }, (_, n) => ({ PutRequest: { Item: id(`x${n}`) } })) } })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(
      /^1 validation error detected: Value '.*' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: \[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\]$/,
    );
    err = await errorOf(() =>
      c().send(new BatchGetItemCommand({ RequestItems: { Accounts: { Keys: Array.from({ length: 60 }, (_, n) => id(`a${n}`)) }, Audit: { Keys: Array.from({ length: 41 }, (_, n) => id(`b${n}`)) } } })),
    );
    expect(err.message).toBe('Too many items requested for the BatchGetItem call');
  });
});

const transfer = (from: string, to: string, amount: number): TransactWriteItem[] => [
  {
    Update: {
      TableName: 'Accounts',
      Key: id(from),
      UpdateExpression: 'SET balance = balance - :a',
      ConditionExpression: 'balance >= :a',
      ExpressionAttributeValues: { ':a': { N: String(amount) } },
    },
  },
  { Update: { TableName: 'Accounts', Key: id(to), UpdateExpression: 'SET balance = balance + :a', ExpressionAttributeValues: { ':a': { N: String(amount) } } } },
];

const balance = async (n: string) =>
  (await c().send(new GetItemCommand({ TableName: 'Accounts', Key: id(n), ConsistentRead: true }))).Item?.balance?.N;

describe('TransactWriteItems', () => {
  it('applies all writes or none, with reasons in request order', async () => {
    await c().send(new TransactWriteItemsCommand({ TransactItems: transfer('1', '2', 30) }));
    expect([await balance('1'), await balance('2')]).toEqual(['70', '130']);
    const err = await errorOf(() =>
      c().send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: 'Audit', Item: { ...id('a2'), what: { S: 'transfer' } } } }, ...transfer('1', '2', 500)],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]');
    expect((err as { CancellationReasons?: Array<{ Code: string }> }).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect([await balance('1'), await balance('2')]).toEqual(['70', '130']);
    expect((await c().send(new GetItemCommand({ TableName: 'Audit', Key: id('a2') }))).Item).toBeUndefined();
  });

  it('supports ConditionCheck and rejects two operations on one item', async () => {
    const err = await errorOf(() =>
      c().send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { ConditionCheck: { TableName: 'Accounts', Key: id(1), ConditionExpression: 'attribute_exists(id)' } },
            { Delete: { TableName: 'Accounts', Key: id(1) } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
  });

  it('is idempotent per ClientRequestToken and refuses a reused token with other parameters', async () => {
    const send = (amount: number) =>
      c().send(new TransactWriteItemsCommand({ TransactItems: transfer('2', '1', amount), ClientRequestToken: 'tok-1' }));
    await send(10);
    await send(10);
    expect([await balance('1'), await balance('2')]).toEqual(['80', '120']);
    const err = await errorOf(() => send(11));
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });

  it('cancels a concurrent transaction on the same item and refuses plain writes meanwhile', async () => {
    // Its own server: the transaction holds its items for 800 ms, long enough for a loaded machine.
    const slow = await startTestServer({ latency: { TransactWriteItems: 800 } });
    const sc = slow.client('bt');
    await sc.send(
      new CreateTableCommand({
        TableName: 'Accounts',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const n of ['1', '2']) await sc.send(new PutItemCommand({ TableName: 'Accounts', Item: { ...id(n), balance: { N: '50' } } }));
    const first = sc.send(new TransactWriteItemsCommand({ TransactItems: transfer('1', '2', 1) }));
    // Wait until the first transaction holds item 1: a failing conditional put then reports the conflict.
    const probe = () => errorOf(() => sc.send(new PutItemCommand({ TableName: 'Accounts', Item: id(1), ConditionExpression: 'attribute_not_exists(id)' })));
    let plain = await probe();
    while (plain.name === 'ConditionalCheckFailedException') plain = await probe();
    expect(plain.name).toBe('TransactionConflictException');
    const second = await errorOf(() => sc.send(new TransactWriteItemsCommand({ TransactItems: transfer('2', '1', 1) })));
    expect(second.name).toBe('TransactionCanceledException');
    expect((second as { CancellationReasons?: Array<{ Code: string }> }).CancellationReasons?.map((r) => r.Code)).toEqual([
      'TransactionConflict',
      'TransactionConflict',
    ]);
    const read = await errorOf(() => sc.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'Accounts', Key: id(2) } }] })));
    expect(read.name).toBe('TransactionCanceledException');
    await first;
    const balanceOf = async (n: string) => (await sc.send(new GetItemCommand({ TableName: 'Accounts', Key: id(n) }))).Item?.balance?.N;
    expect([await balanceOf('1'), await balanceOf('2')]).toEqual(['49', '51']);
    await slow.close();
  });
});

describe('TransactGetItems', () => {
  it('reads items in request order, empty for missing ones', async () => {
    const res = await c().send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'Accounts', Key: id(2), ProjectionExpression: 'balance' } },
          { Get: { TableName: 'Accounts', Key: id('missing') } },
          { Get: { TableName: 'Audit', Key: id('a1') } },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(res.Responses?.[0]?.Item).toEqual({ balance: { N: '120' } });
    expect(res.Responses?.[1]?.Item).toBeUndefined();
    expect(res.Responses?.[2]?.Item?.what).toEqual({ S: 'open' });
    // Transactional reads cost 2 units per item (4 KB).
    expect(res.ConsumedCapacity?.find((x) => x.TableName === 'Accounts')?.CapacityUnits).toBe(4);
  });
});
