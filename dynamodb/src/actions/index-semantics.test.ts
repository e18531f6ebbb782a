// Secondary-index semantics through the AWS SDK v3: what a read may ask of an index that does
// not project everything (GSI: ValidationException; LSI: a table fetch, charged only when
// needed), and index write units per the "Provisioned throughput considerations" pages.
// GSIs added by UpdateTable: gsi-backfill.test.ts.
import {
  CreateTableCommand,
  DeleteItemCommand,
  ExecuteStatementCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
const c = () => t.client('idx');
const BIG = 'x'.repeat(9000); // a non-projected attribute large enough to show in read units

beforeAll(async () => {
  t = await startTestServer();
  await c().send(
    new CreateTableCommand({
      TableName: 'Orders',
      AttributeDefinitions: [
        { AttributeName: 'customer', AttributeType: 'S' },
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'placed', AttributeType: 'S' },
        { AttributeName: 'stage', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'customer', KeyType: 'HASH' },
        { AttributeName: 'id', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byPlaced',
          KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'placed', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['amt'] },
        },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byStatus',
          KeySchema: [{ AttributeName: 'stage', KeyType: 'HASH' }, { AttributeName: 'placed', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['amt'] },
        },
        { IndexName: 'statusKeys', KeySchema: [{ AttributeName: 'stage', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (const [id, placed] of [['o1', '2026-01-01'], ['o2', '2026-01-02']]) {
    await c().send(
      new PutItemCommand({
        TableName: 'Orders',
        Item: { customer: { S: 'ann' }, id: { S: id }, placed: { S: placed }, stage: { S: 'open' }, amt: { N: '10' }, notes: { S: BIG } },
      }),
    );
  }
});
afterAll(() => t.close());

const byStatus = (extra: Partial<QueryCommandInput>) =>
  c().send(
    new QueryCommand({
      TableName: 'Orders',
      IndexName: 'byStatus',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'stage' },
      ExpressionAttributeValues: { ':s': { S: 'open' } },
      ...extra,
    }),
  );

const byPlaced = (extra: Partial<QueryCommandInput>) =>
  c().send(
    new QueryCommand({
      TableName: 'Orders',
      IndexName: 'byPlaced',
      KeyConditionExpression: 'customer = :c',
      ExpressionAttributeValues: { ':c': { S: 'ann' } },
      ReturnConsumedCapacity: 'INDEXES',
      ...extra,
    }),
  );

describe('reads of attributes a GSI does not project', () => {
  it('refuses a ProjectionExpression naming them, listing each once in request order', async () => {
    const err = await errorOf(() => byStatus({ ProjectionExpression: 'secret.x1, notes, amt, secret.x2' }));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('One or more parameter values were invalid: Global secondary index byStatus does not project [secret, notes]');
  });

  it('refuses them in AttributesToGet and on Scan too', async () => {
    const err = await errorOf(() =>
      c().send(new ScanCommand({ TableName: 'Orders', IndexName: 'statusKeys', ProjectionExpression: 'id, amt' })),
    );
    expect(err.message).toBe('One or more parameter values were invalid: Global secondary index statusKeys does not project [amt]');
    const legacy = await errorOf(() =>
      c().send(
        new QueryCommand({
          TableName: 'Orders',
          IndexName: 'byStatus',
          KeyConditions: { stage: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'open' }] } },
          AttributesToGet: ['customer', 'notes'],
        }),
      ),
    );
    expect(legacy.message).toBe('One or more parameter values were invalid: Global secondary index byStatus does not project [notes]');
  });

  it('answers projected attributes, nested paths of them and the table key', async () => {
    const res = await byStatus({ ProjectionExpression: 'customer, id, placed, amt' });
    expect(res.Items).toEqual([
      { customer: { S: 'ann' }, id: { S: 'o1' }, placed: { S: '2026-01-01' }, amt: { N: '10' } },
      { customer: { S: 'ann' }, id: { S: 'o2' }, placed: { S: '2026-01-02' }, amt: { N: '10' } },
    ]);
  });

  it('refuses Select ALL_ATTRIBUTES on a GSI that is not ALL', async () => {
    const err = await errorOf(() => byStatus({ Select: 'ALL_ATTRIBUTES' }));
    expect(err.message).toBe(
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus because its projection type is not ALL',
    );
  });

  it('refuses a Query filter on attributes the index does not hold (GSI and LSI), sorted', async () => {
    const gsi = await errorOf(() => byStatus({ FilterExpression: 'notes = :n AND attribute_exists(extra)', ExpressionAttributeValues: { ':s': { S: 'open' }, ':n': { S: 'a' } } }));
    expect(gsi.message).toBe('One or more parameter values were invalid: Secondary index byStatus does not project one or more filter attributes: [extra, notes]');
    const lsi = await errorOf(() => byPlaced({ Select: 'ALL_ATTRIBUTES', FilterExpression: 'notes = :n', ExpressionAttributeValues: { ':c': { S: 'ann' }, ':n': { S: 'a' } } }));
    expect(lsi.message).toBe('One or more parameter values were invalid: Secondary index byPlaced does not project one or more filter attributes: [notes]');
    const ok = await byStatus({ FilterExpression: 'amt = :t AND id = :o', ExpressionAttributeValues: { ':s': { S: 'open' }, ':t': { N: '10' }, ':o': { S: 'o2' } } });
    expect(ok.Count).toBe(1);
  });
});

describe('LSI reads fetch the table item only for what the index lacks', () => {
  // Index entries hold customer, id, placed, amt (< 4 KB); table items carry 9 KB of notes.
  it('charges only the index when the projection asks for projected attributes', async () => {
    for (const extra of [{ ProjectionExpression: 'id, amt' }, { Select: 'ALL_PROJECTED_ATTRIBUTES' as const }, {}]) {
      const res = await byPlaced({ ...extra, ConsistentRead: true });
      expect(res.Items?.every((i) => !('notes' in i))).toBe(true);
      expect(res.ConsumedCapacity).toMatchObject({ CapacityUnits: 1, LocalSecondaryIndexes: { byPlaced: { CapacityUnits: 1 } } });
    }
  });

  it('fetches (and charges) the table item for a non-projected attribute or ALL_ATTRIBUTES', async () => {
    const specific = await byPlaced({ ProjectionExpression: 'id, notes', ConsistentRead: true });
    expect(specific.Items).toEqual([
      { id: { S: 'o1' }, notes: { S: BIG } },
      { id: { S: 'o2' }, notes: { S: BIG } },
    ]);
    const all = await byPlaced({ Select: 'ALL_ATTRIBUTES', ConsistentRead: true });
    expect(all.Items?.[0]).toHaveProperty('notes');
    // Index: 1 unit for both entries; table: each ~9 KB item fetched alone, 3 units apiece.
    for (const res of [specific, all]) {
      expect(res.ConsumedCapacity).toMatchObject({ CapacityUnits: 7, Table: { CapacityUnits: 6 }, LocalSecondaryIndexes: { byPlaced: { CapacityUnits: 1 } } });
    }
    const eventual = await byPlaced({ ProjectionExpression: 'id, notes' });
    expect(eventual.ConsumedCapacity).toMatchObject({ CapacityUnits: 3.5, Table: { CapacityUnits: 3 }, LocalSecondaryIndexes: { byPlaced: { CapacityUnits: 0.5 } } });
  });
});

describe('PartiQL SELECT on an index', () => {
  const select = (Statement: string, ConsistentRead = true) =>
    c().send(new ExecuteStatementCommand({ Statement, ConsistentRead, ReturnConsumedCapacity: 'INDEXES' }));

  it('refuses GSI columns and pinned-partition filters the index does not hold', async () => {
    const cols = await errorOf(() => select(`SELECT id, notes FROM "Orders"."byStatus" WHERE stage = 'open'`, false));
    expect(cols.message).toBe('One or more parameter values were invalid: Global secondary index byStatus does not project [notes]');
    const filter = await errorOf(() => select(`SELECT id FROM "Orders"."byPlaced" WHERE customer = 'ann' AND notes = 'x'`));
    expect(filter.message).toBe('One or more parameter values were invalid: Secondary index byPlaced does not project one or more filter attributes: [notes]');
  });

  it('fetches from the table for an LSI only when a column is not projected', async () => {
    const held = await select(`SELECT id, amt FROM "Orders"."byPlaced" WHERE customer = 'ann'`);
    expect(held.Items).toHaveLength(2);
    expect(held.ConsumedCapacity?.CapacityUnits).toBe(1);
    const fetched = await select(`SELECT id, notes FROM "Orders"."byPlaced" WHERE customer = 'ann'`);
    expect(fetched.Items?.[0]?.notes).toEqual({ S: BIG });
    expect(fetched.ConsumedCapacity).toMatchObject({ CapacityUnits: 7, Table: { CapacityUnits: 6 } });
  });
});

describe('index write units', () => {
  const put = (id: string, attrs: Record<string, string>) =>
    c().send(
      new PutItemCommand({
        TableName: 'Orders',
        Item: { customer: { S: 'bo' }, id: { S: id }, ...Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, { S: v }])) },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
  const update = (id: string, expr: string, values: Record<string, string>) =>
    c().send(
      new UpdateItemCommand({
        TableName: 'Orders',
        Key: { customer: { S: 'bo' }, id: { S: id } },
        UpdateExpression: expr,
        ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { S: v }])),
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );

  it('costs 1 to enter, 2 to move, 1 for a projected attribute, 0 for nothing held, 1 to leave', async () => {
    const entered = await put('w1', { placed: 'p1', stage: 'open' });
    expect(entered.ConsumedCapacity).toMatchObject({
      CapacityUnits: 4,
      Table: { CapacityUnits: 1 },
      GlobalSecondaryIndexes: { byStatus: { CapacityUnits: 1 }, statusKeys: { CapacityUnits: 1 } },
      LocalSecondaryIndexes: { byPlaced: { CapacityUnits: 1 } },
    });
    // Not held by any index: no index writes at all.
    const untouched = await update('w1', 'SET memo = :m', { ':m': 'hello' });
    expect(untouched.ConsumedCapacity).toEqual({ TableName: 'Orders', CapacityUnits: 1, WriteCapacityUnits: 1, Table: { CapacityUnits: 1, WriteCapacityUnits: 1 } });
    // `amt` is projected into byStatus and byPlaced, not into statusKeys.
    const projected = await c().send(
      new UpdateItemCommand({
        TableName: 'Orders',
        Key: { customer: { S: 'bo' }, id: { S: 'w1' } },
        UpdateExpression: 'SET #t = :t',
        ExpressionAttributeNames: { '#t': 'amt' },
        ExpressionAttributeValues: { ':t': { N: '5' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    expect(projected.ConsumedCapacity?.GlobalSecondaryIndexes).toEqual({ byStatus: { CapacityUnits: 1, WriteCapacityUnits: 1 } });
    expect(projected.ConsumedCapacity?.LocalSecondaryIndexes).toEqual({ byPlaced: { CapacityUnits: 1, WriteCapacityUnits: 1 } });
    // Rewriting the same item: nothing any index holds changes.
    const same = await c().send(new UpdateItemCommand({ TableName: 'Orders', Key: { customer: { S: 'bo' }, id: { S: 'w1' } }, UpdateExpression: 'SET memo = memo', ReturnConsumedCapacity: 'INDEXES' }));
    expect(same.ConsumedCapacity?.CapacityUnits).toBe(1);
    // A new index key: delete plus put in each index keyed on it.
    const moved = await update('w1', 'SET stage = :s', { ':s': 'shipped' });
    expect(moved.ConsumedCapacity?.GlobalSecondaryIndexes).toEqual({
      byStatus: { CapacityUnits: 2, WriteCapacityUnits: 2 },
      statusKeys: { CapacityUnits: 2, WriteCapacityUnits: 2 },
    });
    expect(moved.ConsumedCapacity?.LocalSecondaryIndexes).toBeUndefined();
    const left = await c().send(new DeleteItemCommand({ TableName: 'Orders', Key: { customer: { S: 'bo' }, id: { S: 'w1' } }, ReturnConsumedCapacity: 'INDEXES' }));
    expect(left.ConsumedCapacity).toMatchObject({ CapacityUnits: 4, GlobalSecondaryIndexes: { byStatus: { CapacityUnits: 1 }, statusKeys: { CapacityUnits: 1 } } });
  });

  it('costs nothing for an item outside the index before and after', async () => {
    await put('w2', {});
    const res = await update('w2', 'SET memo = :m', { ':m': 'x' });
    expect(res.ConsumedCapacity?.CapacityUnits).toBe(1);
    expect(res.ConsumedCapacity?.GlobalSecondaryIndexes).toBeUndefined();
  });
});
