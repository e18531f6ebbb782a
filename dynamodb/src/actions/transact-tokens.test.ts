// TransactWriteItems ClientRequestToken through the AWS SDK v3: a repeat changes nothing and
// reports the read units of reading the items; tokens belong to an access key id and region
// (like tables) and DynamoServer.resetNamespace forgets them.
import { CreateTableCommand, GetItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function table(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/** Adds 1 to `n` of two items (one of them large) under `token`. */
const bump = (client: DynamoDBClient, name: string, token: string) =>
  client.send(
    new TransactWriteItemsCommand({
      ClientRequestToken: token,
      ReturnConsumedCapacity: 'INDEXES',
      TransactItems: ['small', 'large'].map((pk) => ({
        Update: { TableName: name, Key: { pk: { S: pk } }, UpdateExpression: 'ADD n :one SET filler = :pad', ExpressionAttributeValues: { ':one': { N: '1' }, ':pad': { S: pk === 'large' ? 'x'.repeat(5000) : '' } } },
      })),
    }),
  );

const count = async (client: DynamoDBClient, name: string, pk = 'small') =>
  Number((await client.send(new GetItemCommand({ TableName: name, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item?.n?.N);

describe('TransactWriteItems ClientRequestToken', () => {
  it('replays without writing and reports read units of the items as they are', async () => {
    const c = t.client('tok-a');
    await table(c, 'Counters');
    const first = await bump(c, 'Counters', 'token-1');
    // Writes: 2 units per KB per item (the large one is 5 KB).
    expect(first.ConsumedCapacity).toEqual([
      { TableName: 'Counters', CapacityUnits: 12, WriteCapacityUnits: 12, Table: { CapacityUnits: 12, WriteCapacityUnits: 12 } },
    ]);
    const again = await bump(c, 'Counters', 'token-1');
    // Reads: transactional, 2 units per 4 KB of each current item (small: 2, 5 KB: 4).
    expect(again.ConsumedCapacity).toEqual([
      { TableName: 'Counters', CapacityUnits: 6, ReadCapacityUnits: 6, Table: { CapacityUnits: 6, ReadCapacityUnits: 6 } },
    ]);
    expect(await count(c, 'Counters')).toBe(1);
    expect(await count(c, 'Counters', 'large')).toBe(1);
  });

  it('keeps tokens apart per access key id and per region', async () => {
    const a = t.client('tok-b');
    const other = t.client('tok-c');
    const elsewhere = t.client('tok-b', 'eu-west-1');
    for (const c of [a, other, elsewhere]) await table(c, 'Counters');
    for (const c of [a, other, elsewhere]) await bump(c, 'Counters', 'shared-token');
    for (const c of [a, other, elsewhere]) expect(await count(c, 'Counters')).toBe(1);
  });

  it('forgets a namespace’s tokens on resetNamespace, in every region, and no one else’s', async () => {
    const a = t.client('tok-d');
    const west = t.client('tok-d', 'eu-west-1');
    const b = t.client('tok-e');
    for (const c of [a, west, b]) {
      await table(c, 'Counters');
      await bump(c, 'Counters', 'token-r');
    }
    t.server.resetNamespace('tok-d');
    expect(t.server.opsLog('tok-d')).toEqual([]);
    for (const c of [a, west, b]) await bump(c, 'Counters', 'token-r');
    expect(await count(a, 'Counters')).toBe(2);
    expect(await count(west, 'Counters')).toBe(2);
    expect(await count(b, 'Counters')).toBe(1);
  });
});
