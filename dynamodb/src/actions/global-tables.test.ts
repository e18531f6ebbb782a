// Global tables (2019.11.21) across regions of one server: replica creation with backfill,
// asynchronous replication with lag, last-writer-wins, replica deletion.
import {
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
// Generous, so "not yet replicated" holds on a loaded machine.
const LAG = 400;
const us = () => t.client('glob', 'us-east-1');
const eu = () => t.client('glob', 'eu-west-1');
const key = { id: { S: 'k' } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startTestServer({ regions: ['us-east-1', 'eu-west-1'], replicationLagMs: LAG });
  await us().send(
    new CreateTableCommand({
      TableName: 'Carts',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await us().send(new PutItemCommand({ TableName: 'Carts', Item: { id: { S: 'before' } } }));
});
afterAll(() => t.close());

const read = async (client: typeof us, id = key) => (await client().send(new GetItemCommand({ TableName: 'Carts', Key: id }))).Item;

describe('global tables', () => {
  it('creates a replica with the existing items and describes both sides', async () => {
    await us().send(new UpdateTableCommand({ TableName: 'Carts', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }));
    expect(await read(eu, { id: { S: 'before' } })).toEqual({ id: { S: 'before' } });
    const d = (await us().send(new DescribeTableCommand({ TableName: 'Carts' }))).Table!;
    expect(d.GlobalTableVersion).toBe('2019.11.21');
    expect(d.Replicas).toEqual([{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }]);
    expect(d.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const e = (await eu().send(new DescribeTableCommand({ TableName: 'Carts' }))).Table!;
    expect(e.Replicas).toEqual([{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' }]);
  });

  it('replicates writes after the lag, not before', async () => {
    await us().send(new PutItemCommand({ TableName: 'Carts', Item: { ...key, v: { S: 'from-us' } } }));
    expect(await read(eu)).toBeUndefined();
    await sleep(LAG * 2);
    expect(await read(eu)).toEqual({ ...key, v: { S: 'from-us' } });
  });

  it('resolves concurrent writes last-writer-wins on both replicas', async () => {
    await us().send(new PutItemCommand({ TableName: 'Carts', Item: { ...key, v: { S: 'us-first' } } }));
    await sleep(5);
    await eu().send(new PutItemCommand({ TableName: 'Carts', Item: { ...key, v: { S: 'eu-later' } } }));
    await sleep(LAG * 2);
    expect((await read(us))?.v).toEqual({ S: 'eu-later' });
    expect((await read(eu))?.v).toEqual({ S: 'eu-later' });
  });

  it('refuses a duplicate replica and a region the server does not serve', async () => {
    let err = await errorOf(() => us().send(new UpdateTableCommand({ TableName: 'Carts', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] })));
    expect(err.name).toBe('ValidationException');
    err = await errorOf(() => us().send(new UpdateTableCommand({ TableName: 'Carts', ReplicaUpdates: [{ Create: { RegionName: 'ap-south-1' } }] })));
    expect(err.name).toBe('ValidationException');
  });

  it('deletes a replica', async () => {
    await us().send(new UpdateTableCommand({ TableName: 'Carts', ReplicaUpdates: [{ Delete: { RegionName: 'eu-west-1' } }] }));
    const err = await errorOf(() => eu().send(new DescribeTableCommand({ TableName: 'Carts' })));
    expect(err.name).toBe('ResourceNotFoundException');
    const d = (await us().send(new DescribeTableCommand({ TableName: 'Carts' }))).Table!;
    expect(d.Replicas).toBeUndefined();
    expect(d.GlobalTableVersion).toBeUndefined();
  });
});
