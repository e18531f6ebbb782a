// Global tables (2019.11.21) through the AWS SDK, with clients in three regions of one server:
// replica lifecycle, lagged replication, last-writer-wins, streams, and DynamoDB's error answers.

import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

const LAG = 250;
// Long enough that the CREATING phase is observable on a loaded CI machine.
const CREATE_MS = 1000;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const KEY = 'gt';
let t: TestServer;
let us: DynamoDBClient;
let eu: DynamoDBClient;
let ap: DynamoDBClient;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const schema = (TableName: string, extra: object = {}) => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
  ...extra,
});
const describeIn = async (c: DynamoDBClient, TableName: string) => (await c.send(new DescribeTableCommand({ TableName }))).Table!;
const get = async (c: DynamoDBClient, TableName: string, id: string) =>
  (await c.send(new GetItemCommand({ TableName, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
const put = (c: DynamoDBClient, TableName: string, id: string, v: string) =>
  c.send(new PutItemCommand({ TableName, Item: { id: { S: id }, v: { S: v } } }));
const replicas = (input: UpdateTableCommandInput['ReplicaUpdates'], TableName: string) => new UpdateTableCommand({ TableName, ReplicaUpdates: input });
const create = (RegionName: string, table: string) => replicas([{ Create: { RegionName } }], table);
const remove = (RegionName: string, table: string) => replicas([{ Delete: { RegionName } }], table);

/** Polls until `probe` returns something other than undefined (replicas report CREATING first). */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(25);
  }
}
const whenActive = (c: DynamoDBClient, table: string) =>
  eventually(async () => ((await describeIn(c, table)).Replicas?.every((r) => r.ReplicaStatus === 'ACTIVE') ? true : undefined));

beforeAll(async () => {
  t = await startTestServer({ regions: REGIONS, replication: { lagMs: LAG, createReplicaMs: CREATE_MS } });
  [us, eu, ap] = REGIONS.map((r) => t.client(KEY, r)) as [DynamoDBClient, DynamoDBClient, DynamoDBClient];
});
afterAll(() => t.close());

describe('regions', () => {
  it('keep separate tables: the same name in two regions holds different items', async () => {
    await us.send(new CreateTableCommand(schema('Regional')));
    await eu.send(new CreateTableCommand(schema('Regional')));
    await put(us, 'Regional', 'x', 'us');
    await put(eu, 'Regional', 'x', 'eu');
    expect((await get(us, 'Regional', 'x'))?.v).toEqual({ S: 'us' });
    expect((await get(eu, 'Regional', 'x'))?.v).toEqual({ S: 'eu' });
    expect((await errorOf(() => ap.send(new DescribeTableCommand({ TableName: 'Regional' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('replica lifecycle', () => {
  beforeAll(async () => {
    await us.send(new CreateTableCommand(schema('Carts')));
    await put(us, 'Carts', 'old', 'before-replica');
  });

  it('creates a replica that reports CREATING, then ACTIVE, backfilled, with a stream', async () => {
    const res = await us.send(create('eu-west-1', 'Carts'));
    expect(res.TableDescription?.GlobalTableVersion).toBe('2019.11.21');
    let d = await describeIn(us, 'Carts');
    expect(d.Replicas).toEqual([{ RegionName: 'eu-west-1', ReplicaStatus: 'CREATING' }]);
    expect(d.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect((await describeIn(eu, 'Carts')).TableStatus).toBe('CREATING');
    // One replica change at a time (ResourceInUseException while a replica is being created).
    const busy = await errorOf(() => us.send(create('ap-southeast-2', 'Carts')));
    expect([busy.name, busy.message]).toEqual(['ResourceInUseException', 'The resource which you are attempting to change is in use.']);
    await whenActive(us, 'Carts');
    d = await describeIn(eu, 'Carts');
    expect(d.TableStatus).toBe('ACTIVE');
    expect(d.GlobalTableVersion).toBe('2019.11.21');
    expect(d.Replicas).toEqual([{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' }]);
    expect(d.LatestStreamArn).toMatch(/^arn:aws:dynamodb:eu-west-1:\d{12}:table\/Carts\/stream\//);
    expect(await get(eu, 'Carts', 'old')).toEqual({ id: { S: 'old' }, v: { S: 'before-replica' } });
  });

  it('adds a third region from any member; every member lists the others', async () => {
    await eu.send(create('ap-southeast-2', 'Carts'));
    await whenActive(eu, 'Carts');
    const names = async (c: DynamoDBClient) => (await describeIn(c, 'Carts')).Replicas!.map((r) => r.RegionName).sort();
    expect(await names(us)).toEqual(['ap-southeast-2', 'eu-west-1']);
    expect(await names(eu)).toEqual(['ap-southeast-2', 'us-east-1']);
    expect(await names(ap)).toEqual(['eu-west-1', 'us-east-1']);
    expect(await get(ap, 'Carts', 'old')).toBeDefined();
  });

  it('replicates a write to every other region after the lag, not before', async () => {
    await put(us, 'Carts', 'fresh', 'from-us');
    expect(await get(eu, 'Carts', 'fresh')).toBeUndefined();
    const item = await eventually(() => get(ap, 'Carts', 'fresh'));
    expect(item.v).toEqual({ S: 'from-us' });
    expect((await eventually(() => get(eu, 'Carts', 'fresh'))).v).toEqual({ S: 'from-us' });
  });

  it('replicates deletes', async () => {
    await eu.send(new DeleteItemCommand({ TableName: 'Carts', Key: { id: { S: 'fresh' } } }));
    await eventually(async () => ((await get(us, 'Carts', 'fresh')) ? undefined : true));
    await eventually(async () => ((await get(ap, 'Carts', 'fresh')) ? undefined : true));
  });

  it('resolves concurrent writes last-writer-wins, the same on every replica', async () => {
    // Both writes land before either replicates: the later one (eu) must win everywhere.
    await put(us, 'Carts', 'race', 'us-first');
    await sleep(5);
    await put(eu, 'Carts', 'race', 'eu-later');
    await sleep(LAG * 2);
    const values = await Promise.all([us, eu, ap].map(async (c) => (await eventually(() => get(c, 'Carts', 'race'))).v));
    expect(values).toEqual([{ S: 'eu-later' }, { S: 'eu-later' }, { S: 'eu-later' }]);
  });

  it('breaks timestamp ties by region name, deterministically', async () => {
    // Same commit time in two regions (one millisecond is easy to share in production).
    const at = Date.now();
    const key = { id: { S: 'tie' } };
    for (const region of ['us-east-1', 'eu-west-1']) {
      const table = t.server.store.tables(KEY, region).get('Carts')!;
      table.commit(key, { ...key, v: { S: region } }, { at });
    }
    await sleep(LAG * 2);
    const values = await Promise.all([us, eu, ap].map(async (c) => (await eventually(() => get(c, 'Carts', 'tie'))).v));
    expect(values).toEqual([{ S: 'us-east-1' }, { S: 'us-east-1' }, { S: 'us-east-1' }]);
  });

  it('refuses to disable the stream of a global table', async () => {
    const err = await errorOf(() => us.send(new UpdateTableCommand({ TableName: 'Carts', StreamSpecification: { StreamEnabled: false } })));
    expect([err.name, err.message]).toEqual(['ValidationException', 'Disabling Stream is not allowed for a Global Table replica.']);
  });

  it('deletes a replica from another member; the table keeps replicating to the rest', async () => {
    await eu.send(remove('ap-southeast-2', 'Carts'));
    expect((await errorOf(() => describeIn(ap, 'Carts'))).name).toBe('ResourceNotFoundException');
    expect((await describeIn(us, 'Carts')).Replicas).toEqual([{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }]);
    await put(us, 'Carts', 'after-delete', 'x');
    await eventually(() => get(eu, 'Carts', 'after-delete'));
  });

  it('turns regional again when the last replica leaves, keeping its stream', async () => {
    await us.send(remove('eu-west-1', 'Carts'));
    const d = await describeIn(us, 'Carts');
    expect(d.Replicas).toBeUndefined();
    expect(d.GlobalTableVersion).toBeUndefined();
    expect(d.StreamSpecification?.StreamEnabled).toBe(true);
    await put(us, 'Carts', 'alone', 'x');
    await sleep(LAG * 2);
    expect((await errorOf(() => get(eu, 'Carts', 'alone'))).name).toBe('ResourceNotFoundException');
  });

  it('leaves the group when a replica table is deleted in its own region', async () => {
    await us.send(new CreateTableCommand(schema('Dropped')));
    await us.send(create('eu-west-1', 'Dropped'));
    await whenActive(us, 'Dropped');
    await eu.send(new DeleteTableCommand({ TableName: 'Dropped' }));
    expect((await describeIn(us, 'Dropped')).Replicas).toBeUndefined();
  });
});

describe('settings shared by the replicas', () => {
  beforeAll(async () => {
    await us.send(new CreateTableCommand(schema('Shared')));
    await us.send(create('eu-west-1', 'Shared'));
    await whenActive(us, 'Shared');
    await us.send(new PutItemCommand({ TableName: 'Shared', Item: { id: { S: 's1' }, city: { S: 'Lyon' } } }));
    await eventually(() => get(eu, 'Shared', 's1'));
  });

  it('a GSI created in one region appears, backfilled, in every replica; deleting it removes it everywhere', async () => {
    await eu.send(
      new UpdateTableCommand({
        TableName: 'Shared',
        AttributeDefinitions: [{ AttributeName: 'city', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byCity', KeySchema: [{ AttributeName: 'city', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    const found = await us.send(
      new QueryCommand({ TableName: 'Shared', IndexName: 'byCity', KeyConditionExpression: 'city = :c', ExpressionAttributeValues: { ':c': { S: 'Lyon' } } }),
    );
    expect(found.Items?.map((i) => i.id?.S)).toEqual(['s1']);
    await us.send(new UpdateTableCommand({ TableName: 'Shared', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byCity' } }] }));
    expect((await describeIn(eu, 'Shared')).GlobalSecondaryIndexes).toBeUndefined();
  });

  it('the TTL setting applies to every replica', async () => {
    await eu.send(new UpdateTimeToLiveCommand({ TableName: 'Shared', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    const ttl = await us.send(new DescribeTimeToLiveCommand({ TableName: 'Shared' }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  });
});

describe('streams of a global table', () => {
  const records = async (c: DynamoDBClient, table: string) => {
    const streams = new DynamoDBStreamsClient({ endpoint: t.server.endpoint, region: await c.config.region(), credentials: await c.config.credentials() });
    const arn = (await describeIn(c, table)).LatestStreamArn!;
    const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0]!;
    const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const out = (await streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }))).Records ?? [];
    streams.destroy();
    return out;
  };
  const summary = (rs: _Record[]) => rs.map((r) => [r.eventName, r.dynamodb?.Keys?.id?.S, Object.keys(r.dynamodb?.NewImage ?? {}).sort()]);

  it('record a replicated write once in each region, without aws:rep attributes', async () => {
    await us.send(new CreateTableCommand(schema('Feed')));
    await us.send(create('eu-west-1', 'Feed'));
    await whenActive(us, 'Feed');
    await put(us, 'Feed', 'f1', 'v');
    await eventually(() => get(eu, 'Feed', 'f1'));
    await sleep(LAG * 2); // a re-replication (which must not happen) would have landed by now
    expect(summary(await records(us, 'Feed'))).toEqual([['INSERT', 'f1', ['id', 'v']]]);
    expect(summary(await records(eu, 'Feed'))).toEqual([['INSERT', 'f1', ['id', 'v']]]);
  });

  it('keep an existing stream view type (KEYS_ONLY) on every replica', async () => {
    await us.send(new CreateTableCommand(schema('Keys', { StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } })));
    await us.send(create('eu-west-1', 'Keys'));
    expect((await describeIn(us, 'Keys')).StreamSpecification?.StreamViewType).toBe('KEYS_ONLY');
    expect((await describeIn(eu, 'Keys')).StreamSpecification?.StreamViewType).toBe('KEYS_ONLY');
  });

  it('replicate TTL deletions as deletes', async () => {
    await put(us, 'Feed', 'expiring', 'v');
    await eventually(() => get(eu, 'Feed', 'expiring'));
    // What the TTL sweeper does when the item expires (dynamodb/src/ttl).
    expect(t.server.store.deleteItemAsService(KEY, 'us-east-1', 'Feed', { id: { S: 'expiring' } })).toBe(true);
    await eventually(async () => ((await get(eu, 'Feed', 'expiring')) ? undefined : true));
    const removes = (await records(us, 'Feed')).filter((r) => r.eventName === 'REMOVE');
    expect(removes.map((r) => r.userIdentity)).toEqual([{ PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' }]);
  });
});

describe('ReplicaUpdates errors, as DynamoDB words them', () => {
  beforeAll(async () => {
    await us.send(new CreateTableCommand(schema('Errs')));
    await us.send(
      new CreateTableCommand({ ...schema('Provisioned'), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }),
    );
    await ap.send(new CreateTableCommand(schema('Errs')));
  });

  const cases: Array<[string, () => UpdateTableCommand | UpdateTableCommandInput, string, string]> = [
    [
      'the local region',
      () => create('us-east-1', 'Errs'),
      'ValidationException',
      'Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.',
    ],
    [
      'a region the server does not host',
      () => create('sa-east-1', 'Errs'),
      'ValidationException',
      'Region sa-east-1 is not supported. The latest version of global tables are only supported in the following regions: [us-east-1, eu-west-1, ap-southeast-2]',
    ],
    [
      'a region that already has a table of that name',
      () => create('ap-southeast-2', 'Errs'),
      'ValidationException',
      'Failed to create a the new replica of table with name: \u2018Errs\u2019 because one or more replicas already existed as tables.',
    ],
    ['a provisioned table (no auto scaling here)', () => create('eu-west-1', 'Provisioned'), 'ValidationException', 'Table write capacity should either be Pay-Per-Request or AutoScaled.'],
    [
      'deleting a region that is not a replica',
      () => remove('eu-west-1', 'Errs'),
      'ValidationException',
      'Update global table operation failed because one or more replicas were not part of the global table. Please retry the request without these replicas: [eu-west-1].',
    ],
    [
      'two creates in one call',
      () => replicas([{ Create: { RegionName: 'eu-west-1' } }, { Create: { RegionName: 'ap-southeast-2' } }], 'Errs'),
      'ValidationException',
      'Update table operation with more than one create or delete replica actions not allowed',
    ],
    [
      'create and delete in one element',
      () => replicas([{ Create: { RegionName: 'eu-west-1' }, Delete: { RegionName: 'eu-west-1' } }], 'Errs'),
      'ValidationException',
      'Update table operation with more than one type of replica actions not allowed.',
    ],
    ['an element without action', () => replicas([{}], 'Errs'), 'ValidationException', 'There are no actions specified in the Replica Update Action of the request.'],
    [
      'replicas together with another change',
      () => new UpdateTableCommand({ TableName: 'Errs', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }], DeletionProtectionEnabled: false }),
      'ValidationException',
      'One or more parameter values were invalid: ReplicaUpdates modification must be the only operation in the request',
    ],
  ];

  for (const [what, command, type, message] of cases) {
    it(`refuses ${what}`, async () => {
      const err = await errorOf(() => us.send(command() as UpdateTableCommand));
      expect([err.name, err.message]).toEqual([type, message]);
    });
  }

  it('leaves the table regional after the refusals', async () => {
    const d = await describeIn(us, 'Errs');
    expect(d.Replicas).toBeUndefined();
    expect(d.StreamSpecification).toBeUndefined();
  });
});
