// WRONG (the new marker Put has no attribute_not_exists condition: it takes the address away from its holder).
import { DynamoDBClient, type TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

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

export async function changeEmail(userId: string, newEmail: string, expectedVersion: number): Promise<ChangeResult> {
  // The old email is needed to release its marker. The version condition below makes this read
  // safe: if the user changed since, the version moved and the transaction is cancelled.
  const user = await getUser(userId);
  if (!user) return { ok: false, reason: 'no-such-user' };
  // Deleting and putting the same marker would be two actions on one item: a ValidationException.
  if (user.email === newEmail) return user.version === expectedVersion ? { ok: true, version: user.version, writeUnits: 0 } : { ok: false, reason: 'stale-version' };
  try {
    const out = await doc.send(
      new TransactWriteCommand({
        ReturnConsumedCapacity: 'TOTAL',
        TransactItems: [
          // 0: release the old address; it must still be this user's.
          { Delete: { TableName: TABLE, Key: { PK: `EMAIL#${user.email}` }, ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } } },
          // 1: reserve the new address; its key is the email, so only one user can hold it.
          { Put: { TableName: TABLE, Item: { PK: `EMAIL#${newEmail}`, userId } } },
          // 2: the user, only if nobody changed it since the version the caller saw.
          {
            Update: {
              TableName: TABLE,
              Key: { PK: `USER#${userId}` },
              UpdateExpression: 'SET email = :e, version = version + :one',
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':e': newEmail, ':v': expectedVersion, ':one': 1 },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
    // Two units per KB per item (prepare + commit), as DynamoDB counted them.
    const writeUnits = (out.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    return { ok: true, version: expectedVersion + 1, writeUnits };
  } catch (err) {
    if ((err as Error).name !== 'TransactionCanceledException') throw err;
    const [, marker, userUpdate] = (err as TransactionCanceledException).CancellationReasons ?? [];
    if (marker?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'email-taken' };
    if (userUpdate?.Code === 'ConditionalCheckFailed') return { ok: false, reason: userUpdate.Item ? 'stale-version' : 'no-such-user' };
    throw err; // a conflict, throttling, or the old marker not being this user's: not a domain answer
  }
}

/** Run executes main(): a change, a stale retry of it, and a taken address. */
export async function main(): Promise<unknown> {
  const before = await getUser('u1');
  const changed = await changeEmail('u1', 'ada@example.net', before?.version ?? 0);
  const stale = await changeEmail('u1', 'ada@example.org', before?.version ?? 0);
  const taken = await changeEmail('u3', 'grace@example.com', 1);
  return { before, changed, stale, taken, after: await getUser('u1') };
}
