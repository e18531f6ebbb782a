// Backfilling a TTL attribute on a table that never had one: rolling retention for device events.
// Events table: partition key deviceId (S), sort key createdAt (S, ISO-8601). About 1.2 MB.
//   { deviceId: 'd1', createdAt: '2026-11-01T10:00:00.000Z', reading: 3, expiresAt?: ??? }
// A few events already carry an expiresAt (a legal hold): it must survive the backfill.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Events';

export interface DeviceEvent {
  deviceId: string;
  createdAt: string;
  reading: number;
  /** What TTL reads. */
  expiresAt?: number;
}

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

/** Give every event without an expiresAt one: createdAt + retentionDays. */
export async function backfillExpiry(retentionDays: number): Promise<{ updated: number; deleted: number }> {
  let updated = 0;
  // TODO (task 2): one Scan call is one page.
  const page = await doc.send(new ScanCommand({ TableName: TABLE, ProjectionExpression: 'deviceId, createdAt, expiresAt' }));
  for (const item of page.Items ?? []) {
    // TODO (task 1): which unit does TTL read, and which does Date.parse return?
    const expiresAt = Date.parse(item.createdAt) + retentionDays * 86_400_000;
    // TODO (task 3): some events already have an expiresAt.
    // TODO (task 4): TTL ignores values more than five years in the past.
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { deviceId: item.deviceId, createdAt: item.createdAt },
        UpdateExpression: 'SET expiresAt = :e',
        ExpressionAttributeValues: { ':e': expiresAt },
      }),
    );
    updated++;
  }
  return { updated, deleted: 0 };
}

/** A device's events that have not expired. */
export async function recentEvents(deviceId: string): Promise<DeviceEvent[]> {
  // TODO (task 5): expired events stay readable until TTL sweeps them.
  const { Items } = await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'deviceId = :d', ExpressionAttributeValues: { ':d': deviceId } }));
  return (Items ?? []) as DeviceEvent[];
}

/** Run executes main(): the backfill, then d1's recent events. */
export async function main(): Promise<unknown> {
  const result = await backfillExpiry(90);
  const recent = await recentEvents('d1');
  return { result, recent: recent.length, newest: recent.at(-1) };
}
