// WRONG (transfer sends two conditional UpdateItem requests instead of one transaction: a failed credit leaves the debit applied).
import { DynamoDBClient, type TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

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

/** The reasons of a cancelled transaction (one per action, in TransactItems order), or undefined for any other error. */
function cancellationReasons(err: unknown) {
  if ((err as Error).name !== 'TransactionCanceledException') return undefined;
  return (err as TransactionCanceledException).CancellationReasons ?? [];
}

export async function transfer(t: Transfer): Promise<TransferResult> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { PK: `ACCOUNT#${t.from}` },
        UpdateExpression: 'SET balance = balance - :amt',
        ConditionExpression: 'attribute_exists(PK) AND balance >= :amt',
        ExpressionAttributeValues: { ':amt': t.amount },
      }),
    );
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return { ok: false, reason: 'insufficient-funds' };
    throw err;
  }
  try {
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { PK: `ACCOUNT#${t.to}` },
        UpdateExpression: 'SET balance = balance + :amt',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':amt': t.amount },
      }),
    );
    return { ok: true };
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return { ok: false, reason: 'no-such-account' };
    throw err;
  }
}

export async function transferInOneTransaction(t: Transfer): Promise<TransferResult> {
  try {
    await doc.send(
      new TransactWriteCommand({
        // The same transferId on a retry: DynamoDB answers success without applying it again (10 minutes).
        ClientRequestToken: t.transferId,
        TransactItems: [
          {
            Update: {
              TableName: TABLE,
              Key: { PK: `ACCOUNT#${t.from}` },
              UpdateExpression: 'SET balance = balance - :amt',
              ConditionExpression: 'attribute_exists(PK) AND balance >= :amt',
              ExpressionAttributeValues: { ':amt': t.amount },
              // On failure the reason carries the account as it was: no Item = no such account.
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Update: {
              TableName: TABLE,
              Key: { PK: `ACCOUNT#${t.to}` },
              UpdateExpression: 'SET balance = balance + :amt',
              // Update is an upsert: without this an increment written as ADD balance :amt creates
              // the misspelt account and the money lands there.
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':amt': t.amount },
            },
          },
        ],
      }),
    );
    return { ok: true };
  } catch (err) {
    const reasons = cancellationReasons(err);
    if (!reasons) throw err;
    const [debit, credit] = reasons;
    if (credit?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'no-such-account' };
    if (debit?.Code === 'ConditionalCheckFailed') return { ok: false, reason: debit.Item ? 'insufficient-funds' : 'no-such-account' };
    throw err; // TransactionConflict, throttling, validation: not a domain answer
  }
}

export async function registerUser(u: NewUser): Promise<RegisterResult> {
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { PK: `USER#${u.userId}`, email: u.email, name: u.name }, ConditionExpression: 'attribute_not_exists(PK)' } },
          // The marker's key is the email: DynamoDB enforces uniqueness on keys only.
          { Put: { TableName: TABLE, Item: { PK: `EMAIL#${u.email}`, userId: u.userId }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
      }),
    );
    return { ok: true };
  } catch (err) {
    const reasons = cancellationReasons(err);
    if (!reasons) throw err;
    if (reasons[1]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'email-taken' };
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'user-exists' };
    throw err;
  }
}

/** Run executes main(): a transfer, its replay, an overdraft and two registrations. */
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
