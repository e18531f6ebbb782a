// Login sessions that expire on their own, with DynamoDB Time to Live.
// Sessions table: partition key sessionId (S), stream NEW_AND_OLD_IMAGES. TTL is not enabled yet.
//   { sessionId: '…', userId: 'u1', expiresAt: ??? }
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Sessions';
export const TTL_ATTRIBUTE = 'expiresAt';

export interface Session {
  sessionId: string;
  userId: string;
  /** When the session ends (what TTL reads). */
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

/** Turn TTL on for expiresAt (it must be safe to call again). */
export async function enableTtl(): Promise<void> {
  // TODO (task 1): enable Time to Live on the table for TTL_ATTRIBUTE.
}

/** A new session for userId that lives ttlSeconds. */
export async function createSession(userId: string, ttlSeconds: number): Promise<Session> {
  // TODO (task 2): which unit does TTL read?
  const session: Session = { sessionId: randomUUID(), userId, expiresAt: Date.now() + ttlSeconds * 1000 };
  await doc.send(new PutCommand({ TableName: TABLE, Item: session }));
  return session;
}

/** The session, or undefined when it does not exist or has expired. */
export async function getSession(sessionId: string): Promise<Session | undefined> {
  // TODO (task 3): TTL deletes late; an expired item can still be here.
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { sessionId } }));
  return Item as Session | undefined;
}

/** Push a live session's expiry to now + ttlSeconds; undefined if it is gone or expired. */
export async function extendSession(sessionId: string, ttlSeconds: number): Promise<Session | undefined> {
  // TODO (task 4): update only expiresAt, and only while the session is alive.
  void sessionId;
  void ttlSeconds;
  return undefined;
}

/** sessionIds the TTL sweeper deleted, from the table's stream. */
export async function ttlDeletions(): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }));
  const ids: string[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: Table!.LatestStreamArn!, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const r of page.Records ?? []) {
        // TODO (task 5): which of these REMOVE records did TTL make?
        if (r.eventName === 'REMOVE') ids.push(r.dynamodb!.Keys!.sessionId!.S!);
      }
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
