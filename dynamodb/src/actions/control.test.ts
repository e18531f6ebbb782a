// Control plane through the AWS SDK v3, checked against the API reference:
// CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, tags, TTL.
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const simple = (name: string): CreateTableCommandInput => ({
  TableName: name,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});

describe('CreateTable', () => {
  it('creates a table that answers CREATING and then describes as ACTIVE', async () => {
    const c = t.client('ctl1');
    const res = await c.send(new CreateTableCommand(simple('Music')));
    expect(res.TableDescription?.TableStatus).toBe('CREATING');
    expect(res.TableDescription?.TableArn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/Music');
    const waited = await waitUntilTableExists({ client: c, maxWaitTime: 5, minDelay: 1 }, { TableName: 'Music' });
    expect(waited.state).toBe('SUCCESS');
    const d = await c.send(new DescribeTableCommand({ TableName: 'Music' }));
    expect(d.Table?.TableStatus).toBe('ACTIVE');
    expect(d.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(d.Table?.ItemCount).toBe(0);
  });

  it('refuses an existing table with ResourceInUseException', async () => {
    const c = t.client('ctl2');
    await c.send(new CreateTableCommand(simple('Dup')));
    const err = await errorOf(() => c.send(new CreateTableCommand(simple('Dup'))));
    expect(err.name).toBe('ResourceInUseException');
    expect(err.message).toBe('Table already exists: Dup');
  });

  it.each([
    [
      'missing table name',
      { ...simple('x'), TableName: undefined },
      "The parameter 'TableName' is required but was not present in the request",
    ],
    [
      'key attribute not defined',
      { ...simple('Abc'), KeySchema: [{ AttributeName: 'other', KeyType: 'HASH' }] },
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [other], AttributeDefinitions: [pk]',
    ],
    [
      'unused attribute definition',
      { ...simple('Abc'), AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'N' }] },
      'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    ],
    [
      'first key not HASH',
      { ...simple('Abc'), KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }] },
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    ],
    [
      'provisioned without throughput',
      { ...simple('Abc'), BillingMode: 'PROVISIONED' },
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    ],
    [
      'on-demand with throughput',
      { ...simple('Abc'), ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    ],
    [
      'bad enum and bad name together',
      { ...simple('ab!'), AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'X' }] },
      "2 validation errors detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; Value 'ab!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    ],
    [
      'too short a name (checked alone, before the listed constraints)',
      { ...simple('a!'), AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'X' }] },
      'TableName must be at least 3 characters long and at most 255 characters long',
    ],
    [
      'LSI on a hash-only table',
      {
        ...simple('Abc'),
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'l', AttributeType: 'S' }],
        LocalSecondaryIndexes: [
          { IndexName: 'lsi', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
        ],
      },
      'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
    ],
  ])('rejects %s', async (_name, input, message) => {
    const err = await errorOf(() => t.client('ctl3').send(new CreateTableCommand(input as CreateTableCommandInput)));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(message);
  });

  it('creates LSIs and GSIs and reports them', async () => {
    const c = t.client('ctl4');
    await c.send(
      new CreateTableCommand({
        TableName: 'Orders',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'lsk', AttributeType: 'N' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        LocalSecondaryIndexes: [
          { IndexName: 'byL', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'lsk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    await c.send(new PutItemCommand({ TableName: 'Orders', Item: { pk: { S: 'a' }, sk: { S: '1' }, lsk: { N: '5' }, g: { S: 'x' } } }));
    await c.send(new PutItemCommand({ TableName: 'Orders', Item: { pk: { S: 'a' }, sk: { S: '2' } } }));
    const d = (await c.send(new DescribeTableCommand({ TableName: 'Orders' }))).Table!;
    expect(d.ItemCount).toBe(2);
    expect(d.LocalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byL', ItemCount: 1 });
    expect(d.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byG', IndexStatus: 'ACTIVE', ItemCount: 1 });
    expect(d.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(d.LatestStreamArn).toMatch(/^arn:aws:dynamodb:us-east-1:000000000000:table\/Orders\/stream\/\d{4}-/);
  });
});

describe('ListTables', () => {
  it('pages names in order with Limit and ExclusiveStartTableName', async () => {
    const c = t.client('ctl5');
    for (const name of ['ccc', 'aaa', 'bbb', 'ddd']) await c.send(new CreateTableCommand(simple(name)));
    const first = await c.send(new ListTablesCommand({ Limit: 3 }));
    expect(first.TableNames).toEqual(['aaa', 'bbb', 'ccc']);
    expect(first.LastEvaluatedTableName).toBe('ccc');
    const second = await c.send(new ListTablesCommand({ ExclusiveStartTableName: 'ccc' }));
    expect(second.TableNames).toEqual(['ddd']);
    expect(second.LastEvaluatedTableName).toBeUndefined();
  });

  it('rejects a Limit above 100', async () => {
    const err = await errorOf(() => t.client('ctl5').send(new ListTablesCommand({ Limit: 101 })));
    expect(err.message).toBe("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
  });
});

describe('UpdateTable', () => {
  it('adds a GSI and backfills it from existing items, then deletes it', async () => {
    const c = t.client('ctl6');
    await c.send(new CreateTableCommand(simple('Users')));
    for (const [id, city] of [['1', 'Oslo'], ['2', 'Lima'], ['3', 'Oslo']]) {
      await c.send(new PutItemCommand({ TableName: 'Users', Item: { pk: { S: id! }, city: { S: city! } } }));
    }
    const res = await c.send(
      new UpdateTableCommand({
        TableName: 'Users',
        AttributeDefinitions: [{ AttributeName: 'city', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byCity', KeySchema: [{ AttributeName: 'city', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    expect(res.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('byCity');
    const q = await c.send(
      new QueryCommand({ TableName: 'Users', IndexName: 'byCity', KeyConditionExpression: 'city = :c', ExpressionAttributeValues: { ':c': { S: 'Oslo' } } }),
    );
    expect(q.Count).toBe(2);
    await c.send(new UpdateTableCommand({ TableName: 'Users', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byCity' } }] }));
    const d = await c.send(new DescribeTableCommand({ TableName: 'Users' }));
    expect(d.Table?.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('changes provisioned throughput and refuses an unchanged value', async () => {
    const c = t.client('ctl7');
    await c.send(
      new CreateTableCommand({ ...simple('Prov'), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
    );
    await c.send(new UpdateTableCommand({ TableName: 'Prov', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 } }));
    const d = await c.send(new DescribeTableCommand({ TableName: 'Prov' }));
    expect(d.Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 10, WriteCapacityUnits: 5 });
    const err = await errorOf(() => c.send(new UpdateTableCommand({ TableName: 'Prov', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 } })));
    expect(err.message).toMatch(/^The provisioned throughput for the table will not change\. The requested value equals the current value\./);
    await c.send(new UpdateTableCommand({ TableName: 'Prov', BillingMode: 'PAY_PER_REQUEST' }));
    const after = await c.send(new DescribeTableCommand({ TableName: 'Prov' }));
    expect(after.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('enables a stream with a new ARN each time', async () => {
    const c = t.client('ctl8');
    await c.send(new CreateTableCommand(simple('Str')));
    const a = await c.send(new UpdateTableCommand({ TableName: 'Str', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }));
    await c.send(new UpdateTableCommand({ TableName: 'Str', StreamSpecification: { StreamEnabled: false } }));
    const b = await c.send(new UpdateTableCommand({ TableName: 'Str', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }));
    expect(a.TableDescription?.LatestStreamArn).toBeDefined();
    expect(b.TableDescription?.LatestStreamArn).not.toBe(a.TableDescription?.LatestStreamArn);
  });

  it('requires at least one change', async () => {
    const err = await errorOf(() => t.client('ctl8').send(new UpdateTableCommand({ TableName: 'Str' })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/^At least one of ProvisionedThroughput, BillingMode/);
  });
});

describe('DeleteTable', () => {
  it('answers DELETING, then the table is gone', async () => {
    const c = t.client('ctl9');
    await c.send(new CreateTableCommand(simple('Gone')));
    const res = await c.send(new DeleteTableCommand({ TableName: 'Gone' }));
    expect(res.TableDescription?.TableStatus).toBe('DELETING');
    const err = await errorOf(() => c.send(new DescribeTableCommand({ TableName: 'Gone' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found: Table: Gone not found');
  });
});

describe('deletion protection', () => {
  it('refuses to delete a protected table until protection is turned off', async () => {
    const c = t.client('ctl12');
    await c.send(new CreateTableCommand({ ...simple('Safe'), DeletionProtectionEnabled: true }));
    expect((await c.send(new DescribeTableCommand({ TableName: 'Safe' }))).Table?.DeletionProtectionEnabled).toBe(true);
    const err = await errorOf(() => c.send(new DeleteTableCommand({ TableName: 'Safe' })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/protected against deletion/);
    await c.send(new UpdateTableCommand({ TableName: 'Safe', DeletionProtectionEnabled: false }));
    await c.send(new DeleteTableCommand({ TableName: 'Safe' }));
  });
});

describe('tags and TTL', () => {
  it('tags, lists and untags a table by ARN', async () => {
    const c = t.client('ctl10');
    const arn = (await c.send(new CreateTableCommand(simple('Tagged')))).TableDescription!.TableArn!;
    await c.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'a' }] }));
    await c.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
    const tags = await c.send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
    expect(tags.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    const err = await errorOf(() => c.send(new ListTagsOfResourceCommand({ ResourceArn: `${arn}x` })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('stores and describes the TTL specification', async () => {
    const c = t.client('ctl11');
    await c.send(new CreateTableCommand(simple('Ttl')));
    expect((await c.send(new DescribeTimeToLiveCommand({ TableName: 'Ttl' }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
    await c.send(new UpdateTimeToLiveCommand({ TableName: 'Ttl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
    const d = await c.send(new DescribeTimeToLiveCommand({ TableName: 'Ttl' }));
    expect(d.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' });
    const err = await errorOf(() => c.send(new UpdateTimeToLiveCommand({ TableName: 'Ttl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } })));
    expect(err.message).toBe('TimeToLive is already enabled');
  });
});
