// The Users table (partition key PK only): five users, each with an EMAIL#<email> marker item
// that reserves their address. Each check works on its own users. Chapter 19.6.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Users';

export const USERS = [
  { userId: 'u1', email: 'ada@example.com', name: 'Ada', version: 1 },
  { userId: 'u2', email: 'grace@example.com', name: 'Grace', version: 3 },
  { userId: 'u3', email: 'linus@example.com', name: 'Linus', version: 1 },
  { userId: 'u4', email: 'ken@example.com', name: 'Ken', version: 2 },
  { userId: 'u5', email: 'barbara@example.com', name: 'Barbara', version: 1 },
];

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const items = USERS.flatMap((u) => [
    { PK: `USER#${u.userId}`, email: u.email, name: u.name, version: u.version },
    { PK: `EMAIL#${u.email}`, userId: u.userId },
  ]);
  // BatchWriteItem may hand items back unprocessed; resend them until none are left.
  let pending: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
    [TABLE]: items.map((Item) => ({ PutRequest: { Item } })),
  };
  while (pending && Object.keys(pending).length > 0) {
    const out = await doc.send(new BatchWriteCommand({ RequestItems: pending }));
    pending = out.UnprocessedItems as typeof pending;
  }
});
