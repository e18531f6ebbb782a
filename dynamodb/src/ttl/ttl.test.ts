// TTL expiry against the real server: which items expire, when, and the stream record a
// service deletion leaves.

import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamo, type DynamoOptions, type DynamoServer } from '../server.ts';
import { expiryOf, TtlSweeper, type TtlOptions } from './index.ts';

const nowSeconds = () => Math.floor(clock / 1000);
let clock = Date.now();
let server: DynamoServer;
let ddb: DynamoDBClient;
let streams: DynamoDBStreamsClient;

async function start(ttl: TtlOptions): Promise<{ server: DynamoServer; ddb: DynamoDBClient; streams: DynamoDBStreamsClient }> {
  const options: DynamoOptions = { port: 0, throttling: false, ttl };
  const s = await startDynamo(options);
  const config = { endpoint: s.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'ttl-test', secretAccessKey: 'x' } };
  return { server: s, ddb: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

async function tableWithTtl(client: DynamoDBClient, name: string, enabled = true): Promise<string> {
  const out = await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  if (enabled) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
  }
  return out.TableDescription!.LatestStreamArn!;
}

async function put(client: DynamoDBClient, table: string, pk: string, expiresAt?: AttributeValue): Promise<void> {
  await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, ...(expiresAt && { expiresAt }) } }));
}

async function keys(client: DynamoDBClient, table: string): Promise<string[]> {
  const out = await client.send(new ScanCommand({ TableName: table }));
  return out.Items!.map((i) => i.pk!.S!).sort();
}

beforeAll(async () => {
  // The background sweep is slowed right down so these tests drive `sweep()` themselves.
  ({ server, ddb, streams } = await start({ intervalMs: 60 * 60 * 1000 }));
});

afterAll(async () => {
  ddb?.destroy();
  streams?.destroy();
  await server?.close();
});

describe('expiryOf', () => {
  const now = 1_700_000_000;
  it.each<[unknown, number | undefined]>([
    [{ N: '1699999990' }, 1699999990],
    [{ N: '1700000100.5' }, 1700000100.5],
    [{ S: '1699999990' }, undefined],
    [{ NS: ['1699999990'] }, undefined],
    [undefined, undefined],
    [{ N: String(now - 5 * 365 * 24 * 3600 - 10) }, undefined],
    [{ N: String(now - 5 * 365 * 24 * 3600 + 10) }, now - 5 * 365 * 24 * 3600 + 10],
  ])('%j → %s', (value, want) => {
    expect(expiryOf(value, now)).toBe(want);
  });
});

describe('TTL sweeper', () => {
  it('deletes only items whose Number TTL is in the past, and they stay readable until then', async () => {
    const arn = await tableWithTtl(ddb, 'sessions');
    await put(ddb, 'sessions', 'expired', { N: String(nowSeconds() - 10) });
    await put(ddb, 'sessions', 'future', { N: String(nowSeconds() + 3600) });
    await put(ddb, 'sessions', 'string', { S: String(nowSeconds() - 10) });
    await put(ddb, 'sessions', 'ancient', { N: String(nowSeconds() - 6 * 365 * 24 * 3600) });
    await put(ddb, 'sessions', 'absent');

    const got = await ddb.send(new GetItemCommand({ TableName: 'sessions', Key: { pk: { S: 'expired' } } }));
    expect(got.Item?.pk).toEqual({ S: 'expired' });

    const sweeper = new TtlSweeper(server.store, { now: () => clock, delayMs: 0 });
    expect(sweeper.sweep()).toBe(1);
    expect(await keys(ddb, 'sessions')).toEqual(['absent', 'ancient', 'future', 'string']);
    expect(sweeper.sweep()).toBe(0);

    const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0]!.ShardId!;
    const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }));
    const records = (await streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }))).Records!;
    const removal = records.find((r) => r.eventName === 'REMOVE')!;
    expect(removal.dynamodb!.Keys).toEqual({ pk: { S: 'expired' } });
    expect(removal.dynamodb!.OldImage).toEqual({ pk: { S: 'expired' }, expiresAt: { N: String(nowSeconds() - 10) } });
    expect(removal.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    expect(records.filter((r) => r.eventName === 'INSERT').every((r) => r.userIdentity === undefined)).toBe(true);
  });

  it('waits the configured delay after expiry', async () => {
    await tableWithTtl(ddb, 'delayed');
    await put(ddb, 'delayed', 'soon', { N: String(nowSeconds() - 1) });
    const sweeper = new TtlSweeper(server.store, { now: () => clock, delayMs: 5000 });
    expect(sweeper.sweep()).toBe(0);
    clock += 5000;
    expect(sweeper.sweep()).toBe(1);
    expect(await keys(ddb, 'delayed')).toEqual([]);
  });

  it('leaves tables without TTL alone', async () => {
    await tableWithTtl(ddb, 'no_ttl', false);
    await put(ddb, 'no_ttl', 'old', { N: '1' });
    await put(ddb, 'no_ttl', 'expired', { N: String(nowSeconds() - 10) });
    expect(new TtlSweeper(server.store, { now: () => clock, delayMs: 0 }).sweep()).toBe(0);
    expect(await keys(ddb, 'no_ttl')).toEqual(['expired', 'old']);
  });

  it('runs in the background on a server started with a short interval', async () => {
    const fast = await start({ intervalMs: 20, delayMs: 0 });
    try {
      await tableWithTtl(fast.ddb, 'background');
      await put(fast.ddb, 'background', 'gone', { N: String(Math.floor(Date.now() / 1000) - 1) });
      await put(fast.ddb, 'background', 'kept', { N: String(Math.floor(Date.now() / 1000) + 3600) });
      const deadline = Date.now() + 3000;
      while ((await keys(fast.ddb, 'background')).includes('gone') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await keys(fast.ddb, 'background')).toEqual(['kept']);
    } finally {
      fast.ddb.destroy();
      fast.streams.destroy();
      await fast.server.close();
    }
  });
});
