// A GSI added by UpdateTable through the AWS SDK v3: it reports CREATING with Backfilling for
// `createIndexMs` (tables stay instant), refuses reads and a second online index operation
// meanwhile, then turns ACTIVE and readable.
import { CreateTableCommand, DescribeTableCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

describe('a GSI added by UpdateTable', () => {
  const addIndex = (s: TestServer, name: string) =>
    s.client('idx').send(
      new UpdateTableCommand({
        TableName: 'Orders',
        AttributeDefinitions: [{ AttributeName: 'placed', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: name, KeySchema: [{ AttributeName: 'placed', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } },
        ],
      }),
    );

  it('backfills for createIndexMs and refuses reads meanwhile; tables stay instant', async () => {
    const slow = await startTestServer({ createIndexMs: 60_000 });
    try {
      await slow.client('idx').send(
        new CreateTableCommand({
          TableName: 'Orders',
          AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      const created = await addIndex(slow, 'byPlacedDay');
      expect(created.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexStatus: 'CREATING', Backfilling: true });
      const d = await slow.client('idx').send(new DescribeTableCommand({ TableName: 'Orders' }));
      expect(d.Table?.TableStatus).toBe('ACTIVE');
      expect(d.Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexStatus: 'CREATING', Backfilling: true });
      const err = await errorOf(() =>
        slow.client('idx').send(new QueryCommand({ TableName: 'Orders', IndexName: 'byPlacedDay', KeyConditionExpression: 'placed = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } })),
      );
      expect(err.name).toBe('ValidationException');
      expect(err.message).toBe('Cannot read from backfilling global secondary index: byPlacedDay');
      const scan = await errorOf(() => slow.client('idx').send(new ScanCommand({ TableName: 'Orders', IndexName: 'byPlacedDay' })));
      expect(scan.message).toBe('Cannot read from backfilling global secondary index: byPlacedDay');
      const second = await errorOf(() => addIndex(slow, 'another'));
      expect(second.name).toBe('LimitExceededException');
      expect(second.message).toBe('Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
    } finally {
      await slow.close();
    }
  });

  it('turns ACTIVE (no Backfilling) once the time has passed, and is then readable', async () => {
    const quick = await startTestServer({ createIndexMs: 100 });
    try {
      await quick.client('idx').send(
        new CreateTableCommand({
          TableName: 'Orders',
          AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await quick.client('idx').send(new PutItemCommand({ TableName: 'Orders', Item: { customer: { S: 'c' }, placed: { S: 'd1' } } }));
      await addIndex(quick, 'byDay');
      let index: Record<string, unknown> | undefined;
      do {
        const d = await quick.client('idx').send(new DescribeTableCommand({ TableName: 'Orders' }));
        index = d.Table?.GlobalSecondaryIndexes?.[0] as Record<string, unknown>;
      } while (index?.IndexStatus !== 'ACTIVE');
      expect(index.Backfilling).toBeUndefined();
      const res = await quick.client('idx').send(
        new QueryCommand({ TableName: 'Orders', IndexName: 'byDay', KeyConditionExpression: 'placed = :p', ExpressionAttributeValues: { ':p': { S: 'd1' } } }),
      );
      expect(res.Items).toEqual([{ customer: { S: 'c' }, placed: { S: 'd1' } }]);
    } finally {
      await quick.close();
    }
  });
});
