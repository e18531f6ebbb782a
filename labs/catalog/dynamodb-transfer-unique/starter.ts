// A tiny bank in one table, Bank, keyed by PK alone:
//   { PK: 'ACCOUNT#alice', owner: 'alice', balance: 100 }   an account
//   { PK: 'USER#u1', email: 'ada@example.com', name: 'Ada' } a user
// Accounts alice, bob, carol, dave and erin exist already. This code "works" on a sunny day;
// make it correct on a rainy one.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Bank';

export interface Transfer {
  /** Names this transfer: the client generates it once and sends it again on every retry. */
  transferId: string;
  from: string;
  to: string;
  /** A positive whole amount. */
  amount: number;
}
export type TransferResult = { ok: true } | { ok: false; reason: 'insufficient-funds' | 'no-such-account' };

export interface NewUser {
  userId: string;
  email: string;
  name: string;
}
export type RegisterResult = { ok: true } | { ok: false; reason: 'email-taken' | 'user-exists' };

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

/** Tasks 1–3: move t.amount from t.from to t.to, all or nothing, once per transferId. */
export async function transfer(t: Transfer): Promise<TransferResult> {
  // TODO (task 1): two requests can half-succeed. Send both updates as one TransactWriteCommand.
  // TODO (task 2): refuse overdrafts and unknown accounts with ConditionExpressions; when the
  //       transaction is cancelled, read err.CancellationReasons (one per action, in order).
  // TODO (task 3): make a replay of the same transferId apply once (ClientRequestToken).
  await doc.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { PK: `ACCOUNT#${t.from}` },
      UpdateExpression: 'SET balance = balance - :amt',
      ExpressionAttributeValues: { ':amt': t.amount },
    }),
  );
  await doc.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { PK: `ACCOUNT#${t.to}` },
      UpdateExpression: 'SET balance = balance + :amt',
      ExpressionAttributeValues: { ':amt': t.amount },
    }),
  );
  return { ok: true };
}

/** Task 4: create the user; no two users may share an email. */
export async function registerUser(u: NewUser): Promise<RegisterResult> {
  // TODO (task 4): DynamoDB enforces uniqueness on primary keys only. Reserve the email with a
  //       marker item in the same transaction as the user, and report which condition failed.
  await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: `USER#${u.userId}`, email: u.email, name: u.name } }));
  return { ok: true };
}

/** Run executes main(): try your functions here. */
export async function main(): Promise<unknown> {
  // A new id per run: DynamoDB remembers a ClientRequestToken for 10 minutes.
  const id = `T-${Date.now()}`;
  const first = await transfer({ transferId: id, from: 'alice', to: 'bob', amount: 30 });
  const replay = await transfer({ transferId: id, from: 'alice', to: 'bob', amount: 30 });
  const overdraft = await transfer({ transferId: `${id}-b`, from: 'carol', to: 'bob', amount: 500 });
  const { Item: alice } = await doc.send(new GetCommand({ TableName: TABLE, Key: { PK: 'ACCOUNT#alice' } }));
  const ada = await registerUser({ userId: 'u1', email: 'ada@example.com', name: 'Ada' });
  const copycat = await registerUser({ userId: 'u2', email: 'ada@example.com', name: 'Not Ada' });
  return { first, replay, overdraft, aliceBalance: alice?.balance, ada, copycat };
}
