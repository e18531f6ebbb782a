// WRONG (updates the seven-year-old events like any other: their expiry is more than five years past, TTL ignores them, and they stay forever).
// Backfilling a TTL attribute on a table that never had one: rolling retention for device events.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
// Events table: partition key deviceId (S), sort key createdAt (S, ISO-8601).
//   { deviceId: 'd1', createdAt: '2026-11-01T10:00:00.000Z', reading: 3, expiresAt?: 1769940000 }
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Events';

export interface DeviceEvent {
  deviceId: string;
  createdAt: string;
  reading: number;
  /** Epoch seconds, what TTL reads. */
  expiresAt?: number;
}

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

const DAY_S = 86_400;
/** TTL ignores values more than five years in the past: such items would never be deleted. */
const FIVE_YEARS_S = 5 * 365 * DAY_S;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Give every event without an expiresAt one: createdAt + retentionDays, in epoch seconds.
 * Events whose expiry would be more than five years past are deleted outright.
 */
export async function backfillExpiry(retentionDays: number): Promise<{ updated: number; deleted: number }> {
  let updated = 0;
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    // A Scan page stops at 1 MB; LastEvaluatedKey says where to go on.
    const page = await doc.send(
      new ScanCommand({ TableName: TABLE, ProjectionExpression: 'deviceId, createdAt, expiresAt', ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      if (item.expiresAt !== undefined) continue;
      const key = { deviceId: item.deviceId, createdAt: item.createdAt };
      const expiresAt = Math.floor(Date.parse(item.createdAt) / 1000) + retentionDays * DAY_S;
      if (expiresAt < nowSeconds() - FIVE_YEARS_S && false) {
        await doc.send(new DeleteCommand({ TableName: TABLE, Key: key, ConditionExpression: 'attribute_not_exists(expiresAt)' }));
        deleted++;
        continue;
      }
      try {
        // The condition keeps a value someone set between our Scan and this write (a hold).
        await doc.send(
          new UpdateCommand({
            TableName: TABLE,
            Key: key,
            UpdateExpression: 'SET expiresAt = :e',
            ConditionExpression: 'attribute_exists(deviceId) AND attribute_not_exists(expiresAt)',
            ExpressionAttributeValues: { ':e': expiresAt },
          }),
        );
        updated++;
      } catch (e) {
        if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { updated, deleted };
}

/** A device's events that have not expired (expired ones stay readable until TTL sweeps them). */
export async function recentEvents(deviceId: string): Promise<DeviceEvent[]> {
  const events: DeviceEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'deviceId = :d',
        FilterExpression: 'expiresAt > :now',
        ProjectionExpression: 'deviceId, createdAt, reading, expiresAt',
        ExpressionAttributeValues: { ':d': deviceId, ':now': nowSeconds() },
        ExclusiveStartKey: startKey,
      }),
    );
    events.push(...((page.Items ?? []) as DeviceEvent[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return events;
}

/** Run executes main(): the backfill, then d1's recent events. */
export async function main(): Promise<unknown> {
  const result = await backfillExpiry(90);
  const recent = await recentEvents('d1');
  return { result, recent: recent.length, newest: recent.at(-1) };
}
