// The change hook: exactly one record per committed write, from every write path, and none
// for writes that change nothing. Also covers service deletions (TTL) and snapshots.
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';
import type { ChangeRecord } from './changes.ts';

let t: TestServer;
const changes: ChangeRecord[] = [];
const c = () => t.client('chg', 'eu-west-1');
const key = (id: string) => ({ id: { S: id } });

beforeAll(async () => {
  t = await startTestServer();
  t.server.store.changes.subscribe((r) => changes.push(r));
  await c().send(
    new CreateTableCommand({
      TableName: 'Feed',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
afterAll(() => t.close());

describe('change hook', () => {
  it('emits INSERT, MODIFY and REMOVE with images, keys and scope', async () => {
    changes.length = 0;
    await c().send(new PutItemCommand({ TableName: 'Feed', Item: { ...key('a'), v: { N: '1' } } }));
    await c().send(new UpdateItemCommand({ TableName: 'Feed', Key: key('a'), UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));
    await c().send(new DeleteItemCommand({ TableName: 'Feed', Key: key('a') }));
    expect(changes.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(changes[1]).toMatchObject({
      namespace: 'chg',
      region: 'eu-west-1',
      table: 'Feed',
      keys: key('a'),
      oldImage: { ...key('a'), v: { N: '1' } },
      newImage: { ...key('a'), v: { N: '2' } },
    });
    expect(changes[2]!.newImage).toBeUndefined();
    // Keys (id "a": 2 + 1) plus the images (id + v, a one-digit number: 3 + 1 + 2);
    // the REMOVE carries only the old image.
    expect(changes[2]!.sizeBytes).toBe(3 + 6);
    expect(changes[1]!.sizeBytes).toBe(3 + 6 + 6);
  });

  it('emits nothing for failed conditions or deleting a missing item', async () => {
    changes.length = 0;
    await c().send(new DeleteItemCommand({ TableName: 'Feed', Key: key('missing') }));
    await errorOf(() => c().send(new PutItemCommand({ TableName: 'Feed', Item: key('missing'), ConditionExpression: 'attribute_exists(id)' })));
    expect(changes).toEqual([]);
  });

  it('emits for batch and transaction writes', async () => {
    changes.length = 0;
    await c().send(new BatchWriteItemCommand({ RequestItems: { Feed: [{ PutRequest: { Item: key('b1') } }, { PutRequest: { Item: key('b2') } }] } }));
    await c().send(
      new TransactWriteItemsCommand({ TransactItems: [{ Delete: { TableName: 'Feed', Key: key('b1') } }, { Put: { TableName: 'Feed', Item: key('t1') } }] }),
    );
    expect(changes.map((r) => `${r.eventName}:${(r.keys.id as { S: string }).S}`)).toEqual(['INSERT:b1', 'INSERT:b2', 'REMOVE:b1', 'INSERT:t1']);
  });

  it('deleteItemAsService removes the item as the DynamoDB service', async () => {
    changes.length = 0;
    expect(t.server.store.deleteItemAsService('chg', 'eu-west-1', 'Feed', key('t1'))).toBe(true);
    expect(t.server.store.deleteItemAsService('chg', 'eu-west-1', 'Feed', key('t1'))).toBe(false);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ eventName: 'REMOVE', userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } });
    expect((await c().send(new GetItemCommand({ TableName: 'Feed', Key: key('t1') }))).Item).toBeUndefined();
  });
});

describe('snapshots', () => {
  it('persists tables and items to dataDir across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddb-snap-'));
    try {
      const first = await startTestServer({ dataDir: dir });
      const c1 = first.client('snap');
      await c1.send(
        new CreateTableCommand({
          TableName: 'Kept',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await c1.send(new PutItemCommand({ TableName: 'Kept', Item: { ...key('x'), n: { N: '7' } } }));
      await first.close();
      const second = await startTestServer({ dataDir: dir });
      const got = await second.client('snap').send(new GetItemCommand({ TableName: 'Kept', Key: key('x') }));
      expect(got.Item).toEqual({ ...key('x'), n: { N: '7' } });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('latency injection and operation callback', () => {
  it('delays the configured operation and reports every call', async () => {
    const seen: string[] = [];
    const slow = await startTestServer({ latency: { GetItem: 120 }, onOperation: (e) => seen.push(`${e.operation}:${e.error ?? 'ok'}`) });
    const client = slow.client('lat');
    const t0 = performance.now();
    await errorOf(() => client.send(new GetItemCommand({ TableName: 'Nope', Key: key('x') })));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    expect(seen).toEqual(['GetItem:ResourceNotFoundException']);
    await slow.close();
  });
});
