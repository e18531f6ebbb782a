// Users keep unique emails with marker items in the Users table (partition key PK only):
//   { PK: 'USER#u1', email: 'ada@example.com', name: 'Ada', version: 1 }   a user
//   { PK: 'EMAIL#ada@example.com', userId: 'u1' }                          the reservation
// Users u1…u5 exist already, each with its marker. Every change bumps the user's version.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Users';

export interface User {
  userId: string;
  email: string;
  name: string;
  /** Bumped by every change: the optimistic lock. */
  version: number;
}
export type ChangeResult =
  | { ok: true; version: number; writeUnits: number }
  | { ok: false; reason: 'email-taken' | 'stale-version' | 'no-such-user' };

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

export async function getUser(userId: string): Promise<User | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { PK: `USER#${userId}` }, ConsistentRead: true }));
  return Item ? ({ userId, email: Item.email, name: Item.name, version: Item.version } as User) : undefined;
}

/** Give the user a new email, only if they are still at expectedVersion. */
export async function changeEmail(userId: string, newEmail: string, expectedVersion: number): Promise<ChangeResult> {
  const user = await getUser(userId);
  if (!user) return { ok: false, reason: 'no-such-user' };
  if (user.version !== expectedVersion) return { ok: false, reason: 'stale-version' };
  // TODO (task 1): these writes can half-succeed, and the old address is never released. Make it
  //       one TransactWriteCommand: Delete the old marker, Put the new one, Update the user.
  // TODO (task 2): a Put replaces silently: refuse an address someone else holds, and say so
  //       from CancellationReasons (one per action, in your order).
  // TODO (task 3): the version compared above can change before the write lands. Check it in
  //       the transaction itself.
  // TODO (task 4): report what DynamoDB says the transaction consumed (ReturnConsumedCapacity).
  await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: `EMAIL#${newEmail}`, userId } }));
  await doc.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { PK: `USER#${userId}` },
      UpdateExpression: 'SET email = :e, version = version + :one',
      ExpressionAttributeValues: { ':e': newEmail, ':one': 1 },
    }),
  );
  return { ok: true, version: expectedVersion + 1, writeUnits: 0 };
}

/** Run executes main(): a change, a stale retry of it, and a taken address. */
export async function main(): Promise<unknown> {
  const before = await getUser('u1');
  const changed = await changeEmail('u1', 'ada@example.net', before?.version ?? 0);
  const stale = await changeEmail('u1', 'ada@example.org', before?.version ?? 0);
  const taken = await changeEmail('u3', 'grace@example.com', 1);
  return { before, changed, stale, taken, after: await getUser('u1') };
}
