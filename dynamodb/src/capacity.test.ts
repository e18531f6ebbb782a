// Item sizes and consumed capacity per
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
import { CreateTableCommand, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemSize, readUnits, writeUnits } from './capacity.ts';
import { startTestServer, type TestServer } from './testing.ts';

describe('itemSize', () => {
  it.each([
    ['string: name + UTF-8 bytes', { ab: { S: 'héllo' } }, 2 + 6],
    ['number: ceil(digits/2) + 1', { n: { N: '12345' } }, 1 + 4],
    ['number ignores leading/trailing zeros', { n: { N: '000120.000' } }, 1 + 2],
    ['binary: raw bytes', { b: { B: Buffer.from([1, 2, 3, 4]).toString('base64') } }, 1 + 4],
    ['bool and null: 1 byte', { t: { BOOL: true }, u: { NULL: true } }, 2 + 2],
    ['list: 3 + 1 per element', { l: { L: [{ S: 'ab' }, { BOOL: true }] } }, 1 + 3 + (1 + 2) + (1 + 1)],
    ['map: 3 + 1 per element + names', { m: { M: { k: { S: 'v' } } } }, 1 + 3 + 1 + 1 + 1],
    ['string set: members', { s: { SS: ['a', 'bc'] } }, 1 + 3],
    ['multi-byte names and values, short and long', { 'é': { S: '€😀' }, x: { S: 'a'.repeat(300) + 'é' } }, 2 + (3 + 4) + 1 + 302],
    ['ASCII past the short-string path', { y: { S: 'b'.repeat(1000) } }, 1 + 1000],
  ])('%s', (_name, item, size) => {
    expect(itemSize(item as never)).toBe(size);
  });

  it('rounds units up: reads per 4 KB (half when eventually consistent), writes per 1 KB', () => {
    expect(readUnits(0, true)).toBe(1);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(4097, false)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
  });
});

describe('ReturnConsumedCapacity', () => {
  let t: TestServer;
  const c = () => t.client('cap');
  beforeAll(async () => {
    t = await startTestServer();
    await c().send(
      new CreateTableCommand({
        TableName: 'Cap',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
          { AttributeName: 'g1', AttributeType: 'S' },
          { AttributeName: 'g2', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          { IndexName: 'Gs1', KeySchema: [{ AttributeName: 'g1', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
          { IndexName: 'Gs2', KeySchema: [{ AttributeName: 'g2', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  afterAll(() => t.close());

  it('counts write units by item size and per GSI the item lands in (INDEXES)', async () => {
    const res = await c().send(
      new PutItemCommand({
        TableName: 'Cap',
        Item: { pk: { S: 'a' }, sk: { N: '1' }, g1: { S: 'x' }, filler: { S: 'p'.repeat(1500) } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    expect(res.ConsumedCapacity).toEqual({
      TableName: 'Cap',
      CapacityUnits: 4,
      WriteCapacityUnits: 4,
      Table: { CapacityUnits: 2, WriteCapacityUnits: 2 },
      GlobalSecondaryIndexes: { Gs1: { CapacityUnits: 2, WriteCapacityUnits: 2 } },
    });
  });

  it('charges two index writes when an update moves an item within a GSI', async () => {
    const res = await c().send(
      new UpdateItemCommand({
        TableName: 'Cap',
        Key: { pk: { S: 'a' }, sk: { N: '1' } },
        UpdateExpression: 'SET g1 = :v REMOVE filler',
        ExpressionAttributeValues: { ':v': { S: 'y' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    // Table: max(old 1.5 KB, new) → 2 units; Gs1: delete + put of a small item → 2 units.
    expect(res.ConsumedCapacity?.Table?.CapacityUnits).toBe(2);
    expect(res.ConsumedCapacity?.GlobalSecondaryIndexes?.Gs1?.CapacityUnits).toBe(2);
  });

  it('counts read units: 4 KB units, halved for eventually consistent reads, summed over a Query', async () => {
    for (let i = 2; i <= 4; i++) {
      await c().send(new PutItemCommand({ TableName: 'Cap', Item: { pk: { S: 'q' }, sk: { N: String(i) }, filler: { S: 'p'.repeat(3000) } } }));
    }
    const strong = await c().send(new GetItemCommand({ TableName: 'Cap', Key: { pk: { S: 'q' }, sk: { N: '2' } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
    expect(strong.ConsumedCapacity).toEqual({ TableName: 'Cap', CapacityUnits: 1, ReadCapacityUnits: 1 });
    const q = await c().send(
      new QueryCommand({ TableName: 'Cap', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'q' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    // ~9 KB read in total → 3 units, eventually consistent → 1.5.
    expect(q.ConsumedCapacity?.CapacityUnits).toBe(1.5);
  });
});
