// Login sessions that expire on their own, with DynamoDB Time to Live.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
// Sessions table: partition key sessionId (S), stream NEW_AND_OLD_IMAGES.
//   { sessionId: '…', userId: 'u1', expiresAt: 1767225600 }   expiresAt: epoch SECONDS (Number)
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Sessions';
export const TTL_ATTRIBUTE = 'expiresAt';

export interface Session {
  sessionId: string;
  userId: string;
  /** When the session ends, in seconds since 1970-01-01 UTC (what TTL reads). */
  expiresAt: number;
}

const config = {
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
};
const client = new DynamoDBClient(config);
const doc = DynamoDBDocumentClient.from(client);
const streams = new DynamoDBStreamsClient(config);

/** TTL compares against epoch seconds; Date.now() is milliseconds. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Turn TTL on for expiresAt. Enabling it twice is a ValidationException (and on AWS, so is any
 * second UpdateTimeToLive within the hour), so a deploy script asks first.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
 */
export async function enableTtl(): Promise<void> {
  const { TimeToLiveDescription: d } = await client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
  if (d?.TimeToLiveStatus === 'ENABLED' || d?.TimeToLiveStatus === 'ENABLING') {
    if (d.AttributeName !== TTL_ATTRIBUTE) throw new Error(`TTL is already on for ${d.AttributeName}; a table has one TTL attribute`);
    return;
  }
  await client.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
}

/** A new session for userId that lives ttlSeconds. */
export async function createSession(userId: string, ttlSeconds: number): Promise<Session> {
  const session: Session = { sessionId: randomUUID(), userId, expiresAt: nowSeconds() + ttlSeconds };
  await doc.send(new PutCommand({ TableName: TABLE, Item: session, ConditionExpression: 'attribute_not_exists(sessionId)' }));
  return session;
}

/**
 * The session, or undefined when it does not exist or has expired. TTL deletes late (on AWS
 * typically within a few days), and until then GetItem happily returns the expired item.
 */
export async function getSession(sessionId: string): Promise<Session | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { sessionId } }));
  if (!Item || typeof Item.expiresAt !== 'number' || Item.expiresAt <= nowSeconds()) return undefined;
  return Item as Session;
}

/** Push a live session's expiry to now + ttlSeconds; undefined if it is gone or expired. */
export async function extendSession(sessionId: string, ttlSeconds: number): Promise<Session | undefined> {
  const now = nowSeconds();
  try {
    const { Attributes } = await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { sessionId },
        UpdateExpression: 'SET expiresAt = :next',
        // The condition makes "still alive" and "extend" one atomic step: an expired session
        // the sweeper has not reached yet must stay dead.
        ConditionExpression: 'attribute_exists(sessionId) AND expiresAt > :now',
        ExpressionAttributeValues: { ':next': now + ttlSeconds, ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as Session;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return undefined;
    throw e;
  }
}

/**
 * sessionIds the TTL sweeper deleted, read from the table's stream: REMOVE records whose
 * userIdentity is the DynamoDB service. A REMOVE without it is an application's DeleteItem.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
 */
export async function ttlDeletions(): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }));
  const ids: string[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: Table!.LatestStreamArn!, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const r of page.Records ?? []) {
        const byTtl = r.userIdentity?.Type === 'Service' && r.userIdentity.PrincipalId === 'dynamodb.amazonaws.com';
        if (r.eventName === 'REMOVE' && byTtl) ids.push(r.dynamodb!.Keys!.sessionId!.S!);
      }
      // An open shard always hands back a next iterator: stop at the first empty page.
      iterator = page.Records?.length ? page.NextShardIterator : undefined;
    }
  }
  return ids;
}

/** Run executes main(): enable TTL, create and extend a session, read it back. */
export async function main(): Promise<unknown> {
  await enableTtl();
  const s = await createSession('u1', 60);
  const extended = await extendSession(s.sessionId, 3600);
  return { created: s, extended, read: await getSession(s.sessionId), legacy: await getSession('legacy-2020'), ttlDeletions: await ttlDeletions() };
}
