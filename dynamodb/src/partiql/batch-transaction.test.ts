// BatchExecuteStatement and ExecuteTransaction through the AWS SDK: per-statement errors of a
// batch, all-or-nothing transactions with cancellation reasons in statement order, EXISTS
// condition checks, transactional reads, and ClientRequestToken idempotency.
import {
  BatchExecuteStatementCommand,
  CreateTableCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  type BatchStatementRequest,
  type ParameterizedStatement,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ExecuteTransactionCommand as DocExecuteTransaction } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
const KEY_ID = 'partiql-multi';
const c = () => t.client(KEY_ID);
const batch = (Statements: BatchStatementRequest[]) => c().send(new BatchExecuteStatementCommand({ Statements, ReturnConsumedCapacity: 'TOTAL' }));
const transact = (statements: string[], extra: { ClientRequestToken?: string; ReturnConsumedCapacity?: 'TOTAL' } = {}) =>
  c().send(new ExecuteTransactionCommand({ TransactStatements: statements.map((Statement): ParameterizedStatement => ({ Statement })), ...extra }));
const balance = async (id: string) =>
  (await c().send(new GetItemCommand({ TableName: 'Accounts', Key: { id: { S: id } } }))).Item?.balance?.N;
const reasonsOf = (err: unknown) => (err as { CancellationReasons?: Array<{ Code?: string; Message?: string }> }).CancellationReasons;

beforeAll(async () => {
  t = await startTestServer();
  await c().send(
    new CreateTableCommand({
      TableName: 'Accounts',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (const [id, b] of [['a', '100'], ['b', '50']]) {
    await c().send(new PutItemCommand({ TableName: 'Accounts', Item: { id: { S: id! }, balance: { N: b! } } }));
  }
});
afterAll(() => t.close());

describe('BatchExecuteStatement', () => {
  it('reads by key, each statement with its own result or Error', async () => {
    const out = await batch([
      { Statement: `SELECT balance FROM "Accounts" WHERE id = ?`, Parameters: [{ S: 'a' }] },
      { Statement: `SELECT * FROM "Accounts" WHERE id = 'nobody'` },
      { Statement: `SELECT * FROM "Accounts" WHERE balance > 1` },
      { Statement: `SELECT * FROM "Accounts" WHERE id = 'b' AND balance > 1000` },
    ]);
    expect(out.Responses![0]).toEqual({ TableName: 'Accounts', Item: { balance: { N: '100' } } });
    expect(out.Responses![1]).toEqual({ TableName: 'Accounts' });
    expect(out.Responses![2]!.Error).toEqual({ Code: 'ValidationError', Message: 'Where clause does not contain a mandatory equality on all key attributes' });
    expect(out.Responses![3]!.Item).toBeUndefined();
    // Three eventually consistent reads of small items: 0.5 units each.
    expect(out.ConsumedCapacity).toEqual([{ TableName: 'Accounts', CapacityUnits: 1.5, ReadCapacityUnits: 1.5 }]);
  });

  it('writes independently: a failed statement does not undo the others', async () => {
    const out = await batch([
      { Statement: `INSERT INTO "Accounts" VALUE {'id': 'c', 'balance': 5}` },
      { Statement: `INSERT INTO "Accounts" VALUE {'id': 'a', 'balance': 1}` },
      { Statement: `UPDATE "Accounts" SET balance = 0 WHERE id = 'b' AND balance > 1000`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      { Statement: `UPDATE "Accounts" SET balance = balance + 1 WHERE id = 'c'` },
      { Statement: `DELETE "Accounts" WHERE id = 'c'` },
    ]);
    expect(out.Responses!.map((r) => r.Error?.Code)).toEqual([undefined, 'DuplicateItem', 'ConditionalCheckFailed', undefined, 'ValidationError']);
    expect(out.Responses![1]!.Error!.Message).toBe('Duplicate primary key exists in table');
    expect(out.Responses![2]!.Error!.Item).toEqual({ id: { S: 'b' }, balance: { N: '50' } });
    expect(out.Responses![4]!.Error!.Message).toMatch(/^Statement wasn't well formed/);
    expect([await balance('a'), await balance('b'), await balance('c')]).toEqual(['100', '50', '6']);
  });

  it('refuses reads mixed with writes and more than 25 statements', async () => {
    const mixed = await errorOf(() =>
      batch([{ Statement: `SELECT * FROM "Accounts" WHERE id = 'a'` }, { Statement: `DELETE FROM "Accounts" WHERE id = 'zz'` }]),
    );
    expect(mixed.name).toBe('ValidationException');
    const many = await errorOf(() => batch(Array.from({ length: 26 }, () => ({ Statement: `SELECT * FROM "Accounts" WHERE id = 'a'` }))));
    expect(many.message).toMatch(/at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25/);
  });
});

describe('ExecuteTransaction', () => {
  it('applies every write or none, with reasons in statement order', async () => {
    await transact([
      `UPDATE "Accounts" SET balance = balance - 10 WHERE id = 'a' AND balance >= 10`,
      `UPDATE "Accounts" SET balance = balance + 10 WHERE id = 'b'`,
    ]);
    expect([await balance('a'), await balance('b')]).toEqual(['90', '60']);
    const err = await errorOf(() =>
      transact([
        `INSERT INTO "Accounts" VALUE {'id': 'd', 'balance': 1}`,
        `UPDATE "Accounts" SET balance = 1 WHERE id = 'missing'`,
        `INSERT INTO "Accounts" VALUE {'id': 'a', 'balance': 1}`,
      ]),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(reasonsOf(err)).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' },
    ]);
    expect(await balance('d')).toBeUndefined();
  });

  it('checks EXISTS conditions on other items', async () => {
    const guard = (min: number) => `EXISTS(SELECT * FROM "Accounts" WHERE id = 'b' AND balance >= ${min})`;
    await transact([guard(10), `UPDATE "Accounts" SET flagged = TRUE WHERE id = 'a'`]);
    const err = await errorOf(() => transact([guard(1000), `UPDATE "Accounts" SET flagged = FALSE WHERE id = 'a'`]));
    expect(reasonsOf(err)!.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    const item = await c().send(new GetItemCommand({ TableName: 'Accounts', Key: { id: { S: 'a' } } }));
    expect(item.Item!.flagged).toEqual({ BOOL: true });
    const bare = await errorOf(() => transact([`EXISTS(SELECT * FROM "Accounts" WHERE id = 'b')`, `UPDATE "Accounts" SET x = 1 WHERE id = 'a'`]));
    expect(bare.message).toBe('Validation failed in TransactStatements[0]: EXISTS() must contain a single item read with additional condition');
    const outside = await errorOf(() => c().send(new ExecuteStatementCommand({ Statement: guard(1) })));
    expect(outside.message).toBe('EXISTS can only be used in ExecuteTransaction write requests.');
  });

  it('reads a consistent set of items at double cost', async () => {
    const out = await transact([`SELECT balance FROM "Accounts" WHERE id = 'a'`, `SELECT * FROM "Accounts" WHERE id = 'nobody'`], {
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(out.Responses).toEqual([{ Item: { balance: { N: '90' } } }, {}]);
    expect(out.ConsumedCapacity).toEqual([{ TableName: 'Accounts', CapacityUnits: 4, ReadCapacityUnits: 4 }]);
  });

  it('refuses reads mixed with writes, reads without the key, and two writes to one item', async () => {
    const mixed = await errorOf(() => transact([`SELECT * FROM "Accounts" WHERE id = 'a'`, `DELETE FROM "Accounts" WHERE id = 'x'`]));
    expect(mixed.message).toBe('ExecuteTransaction API does not support both read and write operations in the same request.');
    const scan = await errorOf(() => transact([`SELECT * FROM "Accounts" WHERE balance > 0`]));
    expect(scan.message).toBe(
      'Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause.',
    );
    const twice = await errorOf(() =>
      transact([`UPDATE "Accounts" SET x = 1 WHERE id = 'a'`, `UPDATE "Accounts" SET y = 1 WHERE id = 'a'`]),
    );
    expect(twice.message).toBe('Transaction request cannot include multiple operations on one item');
  });

  it('works through the document client with native parameters', async () => {
    const doc = DynamoDBDocumentClient.from(c());
    await doc.send(
      new DocExecuteTransaction({
        TransactStatements: [
          { Statement: `INSERT INTO "Accounts" VALUE {'id': ?, 'balance': ?, 'owners': ?}`, Parameters: ['doc', 7, new Set(['ann', 'bob'])] },
          { Statement: `UPDATE "Accounts" SET note = ? WHERE id = ?`, Parameters: [{ via: 'doc' }, 'b'] },
        ],
      }),
    );
    const out = await doc.send(
      new DocExecuteTransaction({
        TransactStatements: [
          { Statement: `SELECT balance, owners FROM "Accounts" WHERE id = ?`, Parameters: ['doc'] },
          { Statement: `SELECT note FROM "Accounts" WHERE id = ?`, Parameters: ['b'] },
        ],
      }),
    );
    expect(out.Responses).toEqual([{ Item: { balance: 7, owners: new Set(['ann', 'bob']) } }, { Item: { note: { via: 'doc' } } }]);
  });

  it('runs once per ClientRequestToken and refuses the token with other statements', async () => {
    const pay = [`UPDATE "Accounts" SET balance = balance + 1 WHERE id = 'b'`];
    const before = Number(await balance('b'));
    await transact(pay, { ClientRequestToken: 'tok-1' });
    await transact(pay, { ClientRequestToken: 'tok-1' });
    expect(Number(await balance('b'))).toBe(before + 1);
    const other = await errorOf(() => transact([`UPDATE "Accounts" SET balance = 0 WHERE id = 'b'`], { ClientRequestToken: 'tok-1' }));
    expect(other.name).toBe('IdempotentParameterMismatchException');
  });
});

describe('ExecuteTransaction and other transactions', () => {
  it('is cancelled with TransactionConflict on an item a TransactWriteItems holds', async () => {
    // Its own server: TransactWriteItems holds its items for its injected latency.
    const slow = await startTestServer({ latency: { TransactWriteItems: 2000 } });
    try {
      const sc = slow.client(KEY_ID);
      await sc.send(
        new CreateTableCommand({
          TableName: 'Accounts',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      const held = sc.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'Accounts', Item: { id: { S: 'x' }, v: { N: '1' } } } }] }),
      );
      // Wait until the item is held: a plain PartiQL update then fails with TransactionConflictException.
      const probe = () => errorOf(() => sc.send(new ExecuteStatementCommand({ Statement: `UPDATE "Accounts" SET w = 1 WHERE id = 'x'` })));
      let plain = await probe();
      while (plain.name === 'ConditionalCheckFailedException') plain = await probe();
      expect(plain.name).toBe('TransactionConflictException');
      const err = await errorOf(() =>
        sc.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `UPDATE "Accounts" SET v = 2 WHERE id = 'x'` }, { Statement: `INSERT INTO "Accounts" VALUE {'id': 'y'}` }] })),
      );
      expect(reasonsOf(err)).toEqual([{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }, { Code: 'None' }]);
      await held;
    } finally {
      await slow.close();
    }
  });
});
