// Provisioned throughput: token buckets with 300 s of burst, refilled at the provisioned rate,
// driven by an injected clock. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from './testing.ts';

let now = 1_000_000;
let t: TestServer;
const c = () => t.client('thr');
beforeAll(async () => {
  t = await startTestServer({ now: () => now });
  await c().send(
    new CreateTableCommand({
      TableName: 'Slow',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
    }),
  );
});
afterAll(() => t.close());

// 300 KB items: each put costs 300 write units; 1 WCU/s gives 300 units of burst.
const bigPut = (n: number) =>
  c().send(new PutItemCommand({ TableName: 'Slow', Item: { id: { S: String(n) }, pad: { S: 'x'.repeat(300 * 1024 - 10) } } }));

describe('throttling', () => {
  it('spends the burst bucket, throttles, and recovers as the clock advances', async () => {
    await bigPut(1);
    const err = await errorOf(() => bigPut(2));
    expect(err.name).toBe('ProvisionedThroughputExceededException');
    expect(err.message).toMatch(/^The level of configured provisioned throughput for the table was exceeded/);
    // 10 s refill 10 units: enough to admit one request, which drives the bucket negative.
    now += 10_000;
    await bigPut(3);
    expect((await errorOf(() => bigPut(4))).name).toBe('ProvisionedThroughputExceededException');
    now += 300_000;
    await bigPut(5);
  });

  it('keeps reads and writes in separate buckets', async () => {
    const res = await c().send(new GetItemCommand({ TableName: 'Slow', Key: { id: { S: '1' } } }));
    expect(res.Item?.id).toEqual({ S: '1' });
  });

  it('does nothing when throttling is off or the table is on-demand', async () => {
    const off = await startTestServer({ throttling: false });
    const client = off.client('x');
    await client.send(
      new CreateTableCommand({
        TableName: 'Slow',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      }),
    );
    for (let i = 0; i < 3; i++) {
      await client.send(new PutItemCommand({ TableName: 'Slow', Item: { id: { S: String(i) }, pad: { S: 'x'.repeat(300 * 1024) } } }));
    }
    await off.close();
  });
});

describe('hot keys and throttling reasons', () => {
  it('limits one partition key per second in on-demand tables too, and names the reason', async () => {
    let clock = 5_000_000;
    const hot = await startTestServer({ now: () => clock, partitionLimits: { read: 2 } });
    const c = hot.client('hot');
    await c.send(
      new CreateTableCommand({
        TableName: 'Hot',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // Strongly consistent reads cost 1 unit: the hot key allows two per second.
    const read = (id: string) => c.send(new GetItemCommand({ TableName: 'Hot', Key: { id: { S: id } }, ConsistentRead: true }));
    await read('celebrity');
    await read('celebrity');
    const err = await errorOf(() => read('celebrity'));
    expect(err.name).toBe('ProvisionedThroughputExceededException');
    expect((err as { ThrottlingReasons?: unknown }).ThrottlingReasons).toEqual([
      { reason: 'TableReadKeyRangeThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Hot' },
    ]);
    await read('someone-else');
    clock += 1000;
    await read('celebrity');
    await hot.close();
  });

  it('names the provisioned-throughput reason', async () => {
    const err = await errorOf(() => bigPut(99));
    expect((err as { ThrottlingReasons?: unknown }).ThrottlingReasons).toEqual([
      { reason: 'TableWriteProvisionedThroughputExceeded', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Slow' },
    ]);
  });
});
