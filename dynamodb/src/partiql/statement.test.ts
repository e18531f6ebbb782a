// ExecuteStatement through the AWS SDK (client and document client): SELECT as Query or Scan
// (and what the operation log records), paging, ORDER BY, indexes, INSERT/UPDATE/DELETE
// semantics and errors, consumed capacity, and Streams seeing PartiQL writes.
import { CreateTableCommand, ExecuteStatementCommand, GetItemCommand, UpdateTimeToLiveCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, ExecuteStatementCommand as DocExecuteStatement } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';
import { TtlSweeper } from '../ttl/index.ts';

let t: TestServer;
const KEY_ID = 'partiql';
const c = () => t.client(KEY_ID);
const run = (Statement: string, extra: Partial<{ Parameters: AttributeValue[]; Limit: number; NextToken: string; ConsistentRead: boolean; ReturnConsumedCapacity: 'TOTAL'; ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }> = {}) =>
  c().send(new ExecuteStatementCommand({ Statement, ...extra }));
const lastOp = () => t.server.opsLog(KEY_ID).at(-1)!;

beforeAll(async () => {
  // The background TTL sweep is slowed right down so the TTL test drives `sweep()` itself.
  t = await startTestServer({ ttl: { intervalMs: 60 * 60 * 1000 } });
  await c().send(
    new CreateTableCommand({
      TableName: 'Orders',
      AttributeDefinitions: [
        { AttributeName: 'customer', AttributeType: 'S' },
        { AttributeName: 'n', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'total', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'customer', KeyType: 'HASH' },
        { AttributeName: 'n', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'ByTotal',
          KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'total', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'ByStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (const customer of ['ann', 'bob', 'cy']) {
    for (let n = 1; n <= 5; n++) {
      await run(`INSERT INTO "Orders" VALUE {'customer': ?, 'n': ?, 'status': ?, 'total': ?}`, {
        Parameters: [{ S: customer }, { N: String(n) }, { S: n % 2 ? 'open' : 'shipped' }, { N: String(n * 10) }],
      });
    }
  }
});
afterAll(() => t.close());

describe('SELECT', () => {
  it('runs as a Query when the partition key is pinned, and the log says so', async () => {
    const out = await run(`SELECT n, total FROM "Orders" WHERE customer = 'bob' AND n >= 2 AND total < 50`);
    expect(out.Items).toEqual([2, 3, 4].map((n) => ({ n: { N: String(n) }, total: { N: String(n * 10) } })));
    // The sort-key condition narrows the read: items 2..5 are read, 3 pass the filter.
    expect(lastOp()).toMatchObject({ operation: 'Query', table: 'Orders', count: 3, scannedCount: 4 });
  });

  it('names each SELECT column after the last step of its path', async () => {
    await run(`UPDATE "Orders" SET info = {'rating': 5, 'tags': ['a', 'b']} WHERE customer = 'cy' AND n = 5`);
    const out = await run(`SELECT n, info.rating, info.tags[1], absent FROM "Orders" WHERE customer = 'cy' AND n >= 4`);
    expect(out.Items).toEqual([{ n: { N: '4' } }, { n: { N: '5' }, rating: { N: '5' }, _3: { S: 'b' } }]);
    await run(`UPDATE "Orders" REMOVE info WHERE customer = 'cy' AND n = 5`);
  });

  it('runs as a Scan otherwise, reading every item', async () => {
    const out = await run(`SELECT * FROM "Orders" WHERE total > 40`);
    expect(out.Items!.map((i) => i.customer!.S).sort()).toEqual(['ann', 'bob', 'cy']);
    expect(lastOp()).toMatchObject({ operation: 'Scan', count: 3, scannedCount: 15 });
    await run(`SELECT * FROM "Orders" WHERE customer = 'ann' OR total = 10`);
    expect(lastOp()).toMatchObject({ operation: 'Scan', scannedCount: 15 });
  });

  it('reads each partition of an IN list or an OR of equalities', async () => {
    const out = await run(`SELECT customer FROM "Orders" WHERE customer IN ['cy', 'ann', 'zed'] AND n = 1`);
    expect(out.Items).toEqual([{ customer: { S: 'cy' } }, { customer: { S: 'ann' } }]);
    expect(lastOp()).toMatchObject({ operation: 'Query', scannedCount: 2 });
    await run(`SELECT * FROM "Orders" WHERE customer = 'ann' OR customer = 'bob'`);
    expect(lastOp()).toMatchObject({ operation: 'Query', scannedCount: 10 });
  });

  it('orders by the sort key, and refuses other orderings', async () => {
    const out = await run(`SELECT n FROM "Orders" WHERE customer = 'ann' ORDER BY n DESC`);
    expect(out.Items!.map((i) => i.n!.N)).toEqual(['5', '4', '3', '2', '1']);
    const byHash = await run(`SELECT customer FROM "Orders" WHERE customer IN ['ann', 'bob'] AND n = 1 ORDER BY customer DESC`);
    expect(byHash.Items!.map((i) => i.customer!.S)).toEqual(['bob', 'ann']);
    expect((await errorOf(() => run(`SELECT * FROM "Orders" ORDER BY n`))).message).toBe(
      'Must have WHERE clause in the statement when using ORDER BY clause.',
    );
    expect((await errorOf(() => run(`SELECT * FROM "Orders" WHERE n = 1 ORDER BY n`))).message).toBe(
      'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
    );
    expect((await errorOf(() => run(`SELECT * FROM "Orders" WHERE customer = 'ann' ORDER BY total`))).message).toBe(
      'Variable reference total in ORDER BY clause must be part of the primary key',
    );
  });

  it('pages with Limit and NextToken; Limit counts items read, as in Query', async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const out = await run(`SELECT * FROM "Orders" WHERE status = 'open'`, { Limit: 4, NextToken });
      seen.push(...out.Items!.map((i) => `${i.customer!.S}${i.n!.N}`));
      expect(out.Items!.length).toBeLessThanOrEqual(4);
      NextToken = out.NextToken;
      pages++;
    } while (NextToken);
    expect(seen.sort()).toEqual(['ann1', 'ann3', 'ann5', 'bob1', 'bob3', 'bob5', 'cy1', 'cy3', 'cy5']);
    expect(pages).toBe(4);
  });

  it('pages a Query across the partitions of an IN list', async () => {
    const first = await run(`SELECT n FROM "Orders" WHERE customer IN ['ann', 'bob']`, { Limit: 7 });
    expect(first.Items).toHaveLength(7);
    expect(first.LastEvaluatedKey).toEqual({ customer: { S: 'bob' }, n: { N: '2' } });
    const rest = await run(`SELECT n FROM "Orders" WHERE customer IN ['ann', 'bob']`, { Limit: 7, NextToken: first.NextToken });
    expect(rest.Items!.map((i) => i.n!.N)).toEqual(['3', '4', '5']);
    expect(rest.NextToken).toBeUndefined();
  });

  it('refuses a NextToken of another statement or a made-up one', async () => {
    const first = await run(`SELECT * FROM "Orders"`, { Limit: 1 });
    expect((await errorOf(() => run(`SELECT n FROM "Orders"`, { NextToken: first.NextToken }))).message).toBe('NextToken does not match request');
    expect((await errorOf(() => run(`SELECT * FROM "Orders"`, { NextToken: 'nonsense' }))).message).toBe('Invalid NextToken');
  });

  it('reads a global secondary index, eventually consistent only', async () => {
    const out = await run(`SELECT customer, n FROM "Orders"."ByStatus" WHERE status = 'shipped'`);
    expect(out.Items).toHaveLength(6);
    expect(lastOp()).toMatchObject({ operation: 'Query', index: 'ByStatus', scannedCount: 6 });
    const err = await errorOf(() => run(`SELECT * FROM "Orders"."ByStatus" WHERE status = 'open'`, { ConsistentRead: true }));
    expect(err.message).toBe('Strongly consistent read is not supported on Global Secondary Indexes');
  });

  it('reads a local secondary index in its order, fetching attributes outside its projection', async () => {
    const keys = await run(`SELECT * FROM "Orders"."ByTotal" WHERE customer = 'cy' AND total >= 30 ORDER BY total DESC`);
    expect(keys.Items).toEqual([5, 4, 3].map((n) => ({ customer: { S: 'cy' }, n: { N: String(n) }, total: { N: String(n * 10) } })));
    const fetched = await run(`SELECT n, status FROM "Orders"."ByTotal" WHERE customer = 'cy' AND total BETWEEN 10 AND 20`);
    expect(fetched.Items).toEqual([
      { n: { N: '1' }, status: { S: 'open' } },
      { n: { N: '2' }, status: { S: 'shipped' } },
    ]);
    expect(lastOp()).toMatchObject({ operation: 'Query', index: 'ByTotal', scannedCount: 2 });
  });

  it('reports consumed capacity and unknown tables', async () => {
    const out = await run(`SELECT * FROM "Orders" WHERE customer = 'ann' AND n = 1`, { ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true });
    expect(out.ConsumedCapacity).toEqual({ TableName: 'Orders', CapacityUnits: 1, ReadCapacityUnits: 1 });
    expect((await errorOf(() => run(`SELECT * FROM "Nope"`))).name).toBe('ResourceNotFoundException');
  });
});

describe('INSERT, UPDATE, DELETE', () => {
  const get = async (customer: string, n: number) =>
    (await c().send(new GetItemCommand({ TableName: 'Orders', Key: { customer: { S: customer }, n: { N: String(n) } } }))).Item;

  it('INSERT refuses an existing key and key attributes that are missing or mistyped', async () => {
    const dup = await errorOf(() => run(`INSERT INTO "Orders" VALUE {'customer': 'ann', 'n': 1}`));
    expect([dup.name, dup.message]).toEqual(['DuplicateItemException', 'Duplicate primary key exists in table']);
    expect((await errorOf(() => run(`INSERT INTO "Orders" VALUE {'customer': 'dee'}`))).message).toBe('Key attribute should be present in the item: Key n');
    expect((await errorOf(() => run(`INSERT INTO "Orders" VALUE {'customer': 'dee', 'n': '1'}`))).message).toBe(
      "Key attribute's data type should match its data type in table's schema: Key n",
    );
  });

  it('UPDATE sets, increments, appends, adds to sets and removes; RETURNING gives the image', async () => {
    await run(`INSERT INTO "Orders" VALUE {'customer': 'dee', 'n': 1, 'tags': <<'a'>>, 'log': [1], 'tmp': 'x', 'total': 5}`);
    const out = await run(
      `UPDATE "Orders" SET total = total + 10 SET log = list_append(log, [2]) SET tags = set_add(tags, <<'b'>>) REMOVE tmp WHERE customer = 'dee' AND n = 1 RETURNING ALL NEW *`,
    );
    const after = { customer: { S: 'dee' }, n: { N: '1' }, tags: { SS: ['a', 'b'] }, log: { L: [{ N: '1' }, { N: '2' }] }, total: { N: '15' } };
    expect(out.Items).toEqual([after]);
    expect(await get('dee', 1)).toEqual(after);
    const modified = await run(`UPDATE "Orders" SET total = 1 WHERE customer = 'dee' AND n = 1 RETURNING MODIFIED OLD *`);
    expect(modified.Items).toEqual([{ total: { N: '15' } }]);
    expect((await run(`UPDATE "Orders" SET total = 2 WHERE customer = 'dee' AND n = 1`)).Items).toEqual([]);
  });

  it('UPDATE needs the whole key, an existing item and a true condition', async () => {
    expect((await errorOf(() => run(`UPDATE "Orders" SET x = 1 WHERE customer = 'ann'`))).message).toBe(
      'Where clause does not contain a mandatory equality on all key attributes',
    );
    expect((await errorOf(() => run(`UPDATE "Orders" SET x = 1 WHERE customer = 'nobody' AND n = 1`))).name).toBe('ConditionalCheckFailedException');
    expect(await get('nobody', 1)).toBeUndefined();
    const failed = await errorOf(() =>
      run(`UPDATE "Orders" SET x = 1 WHERE customer = 'ann' AND n = 2 AND total > 100`, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
    );
    expect(failed.name).toBe('ConditionalCheckFailedException');
    expect((failed.Item as Record<string, AttributeValue>).total).toEqual({ N: '20' });
    expect((await errorOf(() => run(`UPDATE "Orders" SET n = 9 WHERE customer = 'ann' AND n = 2`))).message).toMatch(/Cannot update attribute n/);
  });

  it('DELETE removes by full key, ignores a missing item, and checks the rest of the WHERE clause', async () => {
    await run(`INSERT INTO "Orders" VALUE {'customer': 'eve', 'n': 1, 'total': 3, 'status': 'gone'}`);
    expect((await run(`DELETE FROM "Orders" WHERE customer = 'eve' AND n = 2 AND total = 1`)).Items).toEqual([]);
    expect((await errorOf(() => run(`DELETE FROM "Orders" WHERE customer = 'eve' AND n = 1 AND total = 1`))).name).toBe(
      'ConditionalCheckFailedException',
    );
    const out = await run(`DELETE FROM "Orders" WHERE customer = 'eve' AND n = 1 AND total = 3 RETURNING ALL OLD *`, { ReturnConsumedCapacity: 'TOTAL' });
    expect(out.Items).toEqual([{ customer: { S: 'eve' }, n: { N: '1' }, total: { N: '3' }, status: { S: 'gone' } }]);
    // One unit for the table and one for each index entry it removes (ByStatus, ByTotal).
    expect(out.ConsumedCapacity).toMatchObject({ TableName: 'Orders', WriteCapacityUnits: 3 });
    expect(await get('eve', 1)).toBeUndefined();
    expect((await errorOf(() => run(`DELETE FROM "Orders"."ByStatus" WHERE status = 'x'`))).message).toBe('This operation is not supported on an index');
  });

  it('works through the document client with native parameters', async () => {
    const doc = DynamoDBDocumentClient.from(c());
    await doc.send(new DocExecuteStatement({ Statement: `INSERT INTO "Orders" VALUE {'customer': ?, 'n': ?, 'meta': ?}`, Parameters: ['fay', 7, { tags: ['x'] }] }));
    const out = await doc.send(new DocExecuteStatement({ Statement: `SELECT meta, n FROM "Orders" WHERE customer = ?`, Parameters: ['fay'] }));
    expect(out.Items).toEqual([{ n: 7, meta: { tags: ['x'] } }]);
  });
});

describe('Streams and TTL', () => {
  it('see PartiQL writes like any other write', async () => {
    const created = await c().send(
      new CreateTableCommand({
        TableName: 'Feed',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    await run(`INSERT INTO "Feed" VALUE {'pk': 'a', 'v': 1}`);
    await run(`UPDATE "Feed" SET v = 2 WHERE pk = 'a'`);
    await run(`DELETE FROM "Feed" WHERE pk = 'a'`);
    const streams = new DynamoDBStreamsClient({ endpoint: t.server.endpoint, region: 'us-east-1', credentials: { accessKeyId: KEY_ID, secretAccessKey: 'x' } });
    try {
      const StreamArn = created.TableDescription!.LatestStreamArn!;
      const shard = (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.Shards![0]!.ShardId!;
      const it = await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }));
      const records = (await streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }))).Records!;
      expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
      expect(records[1]!.dynamodb!.NewImage).toEqual({ pk: { S: 'a' }, v: { N: '2' } });
    } finally {
      streams.destroy();
    }
  });
});

describe('TTL', () => {
  it('expires items PartiQL wrote, like any other', async () => {
    await c().send(
      new CreateTableCommand({
        TableName: 'Sessions',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await c().send(new UpdateTimeToLiveCommand({ TableName: 'Sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
    const now = Math.floor(Date.now() / 1000);
    await run(`INSERT INTO "Sessions" VALUE {'pk': 'old', 'exp': ?}`, { Parameters: [{ N: String(now - 60) }] });
    await run(`INSERT INTO "Sessions" VALUE {'pk': 'kept', 'exp': ?}`, { Parameters: [{ N: String(now + 3600) }] });
    await run(`INSERT INTO "Sessions" VALUE {'pk': 'renewed', 'exp': ?}`, { Parameters: [{ N: String(now + 3600) }] });
    await run(`UPDATE "Sessions" SET exp = ? WHERE pk = 'renewed'`, { Parameters: [{ N: String(now - 60) }] });
    expect(new TtlSweeper(t.server.store, { delayMs: 0 }).sweep()).toBe(2);
    expect((await run(`SELECT pk FROM "Sessions"`)).Items).toEqual([{ pk: { S: 'kept' } }]);
  });
});
