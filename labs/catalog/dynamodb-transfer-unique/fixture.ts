// The Bank table (partition key PK only) with five accounts. Users and email markers are
// written by the learner's registerUser. Chapter 19.6.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Bank';

/** Opening balances; each check uses its own accounts so checks do not disturb each other. */
export const ACCOUNTS: Record<string, number> = { alice: 100, bob: 50, carol: 20, dave: 100, erin: 0 };

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
  const puts = Object.entries(ACCOUNTS).map(([id, balance]) => ({ PutRequest: { Item: { PK: `ACCOUNT#${id}`, owner: id, balance } } }));
  // BatchWriteItem may hand items back unprocessed; resend them until none are left.
  let pending: Record<string, typeof puts> | undefined = { [TABLE]: puts };
  while (pending && Object.keys(pending).length > 0) {
    const out = await doc.send(new BatchWriteCommand({ RequestItems: pending }));
    pending = out.UnprocessedItems as typeof pending;
  }
});
